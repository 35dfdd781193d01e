/**
 * Turns a job page's `window.job` object (or, failing that, its listing card) into a posting.
 * Pure: the crawl passes the page URL and logs the notes this returns.
 */
import {
  htmlToText,
  normalizeWhitespace,
  parseDate,
  parseLocation,
  sanitizeHtml,
  type JobPosting,
} from '@pathfinder/sdk';
import type { ListingCard } from './parse-listing.js';

/** Something worth a log line, found while mapping one job. */
export interface MappingNote {
  level: 'info' | 'warn';
  message: string;
  data?: Record<string, unknown>;
}

/** A posting (or why there is none) plus the notes to log. */
export type MappingResult =
  | { ok: true; posting: JobPosting; notes: MappingNote[] }
  | { ok: false; reason: string; notes: MappingNote[] };

/** The currency salaries are stored in; compensation in any other currency is not converted. */
export const SALARY_CURRENCY = 'cad';

/**
 * Currency assumed when `compensation_currency` is missing or empty (*assumed*: a Canadian board
 * whose default currency is CAD, as its `window.jobBoard.currency` says).
 */
export const DEFAULT_CURRENCY = 'cad';

const PERIODS: Record<string, 'hour' | 'year'> = {
  annually: 'year',
  annual: 'year',
  yearly: 'year',
  year: 'year',
  hourly: 'hour',
  hour: 'hour',
};

/**
 * Maps a `window.job` object. The card fills what the object lacks (title, company, location).
 * Salary is set only for CAD amounts with an hourly or annual time frame; any positive amount
 * (in any currency) sets `withPay`.
 *
 * @example
 * ```ts
 * const r = mapWindowJob(
 *   { title: 'GIS Intern', description: '<p>Maps.</p>', location: 'Calgary, AB', employer: { name: 'Acme' },
 *     min_compensation: '20.00', max_compensation: '24.00', compensation_currency: 'cad',
 *     compensation_time_frame: 'hourly', job_type: { title: 'Internship' }, posted_at: '2026-03-02T15:04:05Z' },
 *   { id: '7', url: 'https://ecoworks.eco.ca/jobs/7' },
 * );
 * // r.ok && r.posting => { title: 'GIS Intern', companyName: 'Acme', jobType: 'internship', city: 'Calgary',
 * //   province: 'AB', salaryMin: 20, salaryMax: 24, salaryPeriod: 'hour', withPay: true, ... }
 * ```
 */
export function mapWindowJob(
  job: Record<string, unknown>,
  o: { id: string; url: string; card?: ListingCard },
): MappingResult {
  const notes: MappingNote[] = [];
  const employer = record(job.employer);
  const title = plain(str(job.title)) ?? o.card?.title;
  // employer.url is often the board's own profile page, never a name: only employer.name counts.
  const companyName = plain(str(employer?.name) ?? str(job.company_name)) ?? o.card?.companyName;
  if (!title) return { ok: false, reason: `job ${o.id}: no title`, notes };
  if (!companyName) return { ok: false, reason: `job ${o.id}: no employer name`, notes };

  const posting: JobPosting = {
    title: clamp(title, 300),
    companyName: clamp(companyName, 200),
    originalUrl: o.url,
    externalId: o.id,
    description: '',
  };
  Object.assign(posting, describe(job.description));
  Object.assign(posting, place(str(job.location) ?? o.card?.location));
  Object.assign(posting, compensation(job, o.id, notes));

  const jobType =
    jobTypeFromLabel(str(record(job.job_type)?.title) ?? str(job.job_type)) ??
    jobTypeFromEmploymentType(job.employmentType ?? job.employment_type) ??
    jobTypeFromLabel(o.card?.jobTypeLabel);
  if (jobType) posting.jobType = jobType;

  const posted = date(job.posted_at) ?? date(job.datePosted);
  if (posted) posting.datePosted = posted;
  const deadline = date(job.validThrough) ?? date(job.valid_through);
  if (deadline) posting.applicationDeadline = deadline;
  return { ok: true, posting, notes };
}

/**
 * The posting a listing card alone gives, for a detail page without `window.job`: title,
 * company, location and the job type its label fixes; the description stays empty.
 *
 * @example
 * ```ts
 * mapCard({ id: '9', title: 'Data Coordinator', companyName: 'Red River CA', jobTypeLabel: 'Co-op',
 *   location: 'Winnipeg, MB' }, 'https://ecoworks.eco.ca/jobs/9');
 * // { ok: true, posting: { title: 'Data Coordinator', companyName: 'Red River CA', jobType: 'coop',
 * //   city: 'Winnipeg', province: 'MB', description: '', externalId: '9', ... }, notes: [] }
 * ```
 */
export function mapCard(card: ListingCard, url: string): MappingResult {
  return mapWindowJob({}, { id: card.id, url, card });
}

/**
 * The job type a board label fixes: internship or co-op. Anything else ("Full-time",
 * "Contract", "Junior"…) is left to the pipeline's classifier.
 *
 * @example
 * ```ts
 * jobTypeFromLabel('Co-op');      // 'coop'
 * jobTypeFromLabel('Internship'); // 'internship'
 * jobTypeFromLabel('Full-time');  // undefined
 * ```
 */
export function jobTypeFromLabel(label: string | undefined): 'coop' | 'internship' | undefined {
  if (!label) return undefined;
  if (/\bco-?\s?op(?:erative)?\b|\bcoop\b/i.test(label)) return 'coop';
  if (/\bintern(?:ship)?s?\b|\bstage\b/i.test(label)) return 'internship';
  return undefined;
}

/** schema.org `employmentType` (a string or an array): only INTERN(SHIP) fixes a type. */
function jobTypeFromEmploymentType(value: unknown): 'internship' | undefined {
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => typeof v === 'string' && /^intern(?:ship)?$/i.test(v.trim())) ? 'internship' : undefined;
}

function describe(value: unknown): Pick<JobPosting, 'description' | 'descriptionHtml'> {
  let html = typeof value === 'string' ? value : '';
  // Some JBoard exports double-escape the HTML ("&lt;p&gt;…"); unescape once when no real tag is present.
  if (!/<[a-z!/]/i.test(html) && /&lt;\/?[a-z]/i.test(html)) html = unescapeOnce(html);
  if (!html.trim()) return { description: '' };
  const description = htmlToText(html);
  const descriptionHtml = sanitizeHtml(html).trim();
  return descriptionHtml ? { description, descriptionHtml } : { description };
}

function place(location: string | undefined): Pick<JobPosting, 'city' | 'province' | 'locationType'> {
  if (!location) return {};
  const loc = parseLocation(location);
  const out: Pick<JobPosting, 'city' | 'province' | 'locationType'> = {};
  if (loc.city) out.city = loc.city;
  if (loc.province) out.province = loc.province;
  // Only what the board states: "Remote" (or "Hybrid - …"). On-site is the pipeline's inference.
  if (loc.locationType === 'remote' || loc.locationType === 'hybrid') out.locationType = loc.locationType;
  else if (loc.remote) out.locationType = 'remote';
  return out;
}

function compensation(
  job: Record<string, unknown>,
  id: string,
  notes: MappingNote[],
): Pick<JobPosting, 'withPay' | 'salaryMin' | 'salaryMax' | 'salaryPeriod'> {
  let min = amount(job.min_compensation);
  let max = amount(job.max_compensation);
  if (min === undefined && max === undefined) return {};
  const out: Pick<JobPosting, 'withPay' | 'salaryMin' | 'salaryMax' | 'salaryPeriod'> = { withPay: true };

  const currency = (str(job.compensation_currency) ?? DEFAULT_CURRENCY).toLowerCase();
  if (currency !== SALARY_CURRENCY) {
    notes.push({
      level: 'info',
      message: `Compensation of job ${id} is in ${currency.toUpperCase()}, not CAD: salary left unset`,
      data: { id, currency, min, max },
    });
    return out;
  }
  const frame = str(job.compensation_time_frame)?.toLowerCase();
  const period = frame ? PERIODS[frame] : undefined;
  if (!period) {
    notes.push({
      level: 'warn',
      message: `Compensation of job ${id} has time frame ${JSON.stringify(frame ?? null)}, neither hourly nor annually: salary left unset`,
      data: { id, timeFrame: frame ?? null, min, max },
    });
    return out;
  }
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (min !== undefined) out.salaryMin = min;
  if (max !== undefined) out.salaryMax = max;
  out.salaryPeriod = period;
  return out;
}

/** "60000.00", "60,000", 60000 → 60000; empty, zero, negative or non-numeric → undefined. */
function amount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[\s,$]/g, '')) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function date(value: unknown): string | undefined {
  const s = str(value);
  return s ? parseDate(s) : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = normalizeWhitespace(String(value));
  return s === '' ? undefined : s;
}

/** A title or name that arrived with entities or tags ("Soil &amp; Water") as plain text. */
function plain(s: string | undefined): string | undefined {
  if (s === undefined || !/[&<]/.test(s)) return s;
  return htmlToText(s) || undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function clamp(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

function unescapeOnce(s: string): string {
  return s
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#0*39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&');
}
