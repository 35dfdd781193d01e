import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useJobFacts } from '../../job-facts';
import { jobTypeKey, termKey } from '../../labels';
import type { JobFormValues } from './job-form-page';
import { LimitedHtml } from './limited-html';

/** The form's job laid out as the public job page lays it out (same facts, same wording), before it is saved. */
export function JobPreview({ values: v }: { values: JobFormValues }) {
  const { t, lang } = useI18n();
  const facts = useJobFacts();
  const num = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
  const deadline = v.applicationDeadline ? `${v.applicationDeadline}T23:59:00Z` : null;
  const job = {
    jobType: (v.jobType || 'coop') as 'coop', locationType: (v.locationType || 'onsite') as 'onsite', city: v.city.trim() || null,
    province: (v.province || null) as 'ON' | null, remoteCanada: v.locationType === 'remote' && !v.province, withPay: v.withPay,
    salaryMin: v.withPay ? num(v.salaryMin) : null, salaryMax: v.withPay ? num(v.salaryMax) : null, salaryPeriod: (v.salaryPeriod || null) as 'hour' | null,
    applicationDeadline: deadline,
  };
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  return (
    <article className="job-page preview" aria-label={t('job.facts')}>
      <p className="preview-title">{v.title || '—'}</p>
      <p className="employer">{v.companyName || '—'}</p>
      <dl>
        <dt>{t('job.location')}</dt><dd>{facts.location(job) || '—'}</dd>
        <dt>{t('job.type')}</dt><dd>{v.jobType ? t(jobTypeKey(v.jobType)) : '—'}</dd>
        {v.term && <><dt>{t('job.term')}</dt><dd>{t(termKey(v.term))}</dd></>}
        <dt>{t('job.pay')}</dt><dd>{facts.pay(job)}</dd>
        <dt>{t('job.deadline')}</dt><dd>{deadline ? `${formatDate(deadline, lang)} (${facts.deadline(job)})` : t('job.noDeadline')}</dd>
        {list(v.requiredSkills).length > 0 && <><dt>{t('job.skills')}</dt><dd>{list(v.requiredSkills).join(', ')}</dd></>}
        {list(v.requiredMajors).length > 0 && <><dt>{t('job.majors')}</dt><dd>{list(v.requiredMajors).join(', ')}</dd></>}
      </dl>
      <p className="preview-heading">{t('job.description')}</p>
      <div className="description">
        {v.format !== 'text' ? <LimitedHtml html={v.description} /> : v.description.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}
      </div>
    </article>
  );
}
