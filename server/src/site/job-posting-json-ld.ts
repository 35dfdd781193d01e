import { sanitizeHtml } from '@pathfinder/sdk';
import type { JobDetailRow } from '../routes/jobs/job-dto.js';

/** schema.org `employmentType` for our job types (Google's list): co-ops and internships are INTERN. */
const EMPLOYMENT_TYPE: Record<string, string> = { coop: 'INTERN', internship: 'INTERN', new_grad: 'FULL_TIME' };
/** schema.org `unitText` of a salary for our periods. */
const UNIT_TEXT: Record<string, string> = { hour: 'HOUR', year: 'YEAR' };

const iso = (value: Date | string | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : (value instanceof Date ? value : new Date(value)).toISOString();

/**
 * A schema.org `JobPosting` for one active job, following Google's job posting structured-data
 * rules: the required title, description (HTML allowed), datePosted, hiringOrganization and
 * jobLocation — or, for a remote job, applicantLocationRequirements (Canada) with jobLocationType
 * TELECOMMUTE — and the recommended validThrough, employmentType, identifier and baseSalary (only
 * when known: Google warns against a made-up or zero salary).
 *
 * @example
 * const ld = jobPostingJsonLd(row, 'https://jobs.example.ca');
 * html.replace('</head>', `<script type="application/ld+json">${jsonForScript(ld)}</script></head>`);
 */
export function jobPostingJsonLd(job: JobDetailRow, publicUrl: string): Record<string, unknown> {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: job.title,
    // Sanitised again here: crawled HTML is cleaned by each plugin, and this page is read by crawlers as-is.
    description: job.descriptionHtml ? sanitizeHtml(job.descriptionHtml) : escapeText(job.description),
    datePosted: iso(job.datePosted ?? job.createdAt),
    hiringOrganization: { '@type': 'Organization', name: job.companyName },
    identifier: { '@type': 'PropertyValue', name: job.sourceName, value: job.externalId ?? job.id },
    url: `${publicUrl}/jobs/${encodeURIComponent(job.id)}`,
    directApply: false,
  };
  const validThrough = iso(job.applicationDeadline);
  if (validThrough) ld.validThrough = validThrough;
  const employmentType = EMPLOYMENT_TYPE[job.jobType];
  if (employmentType) ld.employmentType = employmentType;
  const remote = job.locationType === 'remote';
  if (remote) {
    ld.jobLocationType = 'TELECOMMUTE';
    ld.applicantLocationRequirements = { '@type': 'Country', name: 'Canada' };
  }
  // A remote job may still name a home office; a hybrid or on-site job always has a place.
  if (!remote || job.province) {
    ld.jobLocation = {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        ...(job.city ? { addressLocality: job.city } : {}),
        ...(job.province ? { addressRegion: job.province } : {}),
        addressCountry: 'CA',
      },
    };
  }
  if (job.salaryMin !== null || job.salaryMax !== null) {
    const min = job.salaryMin === null ? null : Number(job.salaryMin);
    const max = job.salaryMax === null ? null : Number(job.salaryMax);
    if ((min ?? 0) > 0 || (max ?? 0) > 0) {
      ld.baseSalary = {
        '@type': 'MonetaryAmount',
        currency: 'CAD',
        value: {
          '@type': 'QuantitativeValue',
          ...(min !== null && max !== null && min !== max ? { minValue: min, maxValue: max } : { value: max ?? min }),
          unitText: UNIT_TEXT[job.salaryPeriod ?? ''] ?? 'YEAR',
        },
      };
    }
  }
  return ld;
}

/** Plain text as HTML paragraphs (Google shows the description as HTML). */
function escapeText(text: string): string {
  return text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON safe inside `<script type="application/ld+json">`: `<` is escaped so no `</script>` or
 * `<!--` in a description can end the block early (the JSON parser reads `\u003c` as `<`).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
