import type { JobSummary } from './api';
import { formatPayRange, relativeDays } from './format';
import { useI18n } from './i18n';
import { jobTypeKey, locationKey, provinceName } from './labels';

type JobLike = Pick<JobSummary, 'jobType' | 'locationType' | 'city' | 'province' | 'remoteCanada' | 'withPay' | 'salaryMin' | 'salaryMax' | 'salaryPeriod' | 'applicationDeadline'>;

/** Location, pay and deadline as text, in the page's language. */
export function useJobFacts() {
  const { t, lang } = useI18n();
  return {
    location(job: JobLike): string {
      if (job.locationType === 'remote' && (job.remoteCanada || !job.province)) return t('job.remoteCanada');
      const place = [job.city, job.province ? provinceName(job.province, lang) : null].filter(Boolean).join(', ');
      return job.locationType === 'onsite' ? place : [t(locationKey(job.locationType)), place].filter(Boolean).join(' · ');
    },
    type: (job: JobLike) => t(jobTypeKey(job.jobType)),
    pay(job: JobLike): string {
      if (!job.withPay) return t('job.unpaid');
      const range = formatPayRange(job.salaryMin, job.salaryMax, lang);
      if (!range) return t('job.paid');
      return t(job.salaryPeriod === 'hour' ? 'job.perHour' : 'job.perYear', { amount: range });
    },
    deadline(job: JobLike): string {
      if (!job.applicationDeadline) return t('job.noDeadline');
      const when = relativeDays(job.applicationDeadline, lang);
      return t(new Date(job.applicationDeadline).getTime() < Date.now() ? 'job.closed' : 'job.closes', { when });
    },
  };
}
