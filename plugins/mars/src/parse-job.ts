/**
 * Maps one Getro search result to a posting. Pure: no HTTP, unit-testable.
 */
import { normalizeWhitespace, parseLocation, type JobPosting } from '@pathfinder/sdk';
import type { GetroJob } from './parse-search.js';

/** Getro seniority -> the job type the source fixes; other seniorities leave jobType to the pipeline. */
const JOB_TYPE_BY_SENIORITY: Record<string, JobPosting['jobType']> = {
  internship: 'internship',
  entry: 'new_grad',
};

const LOCATION_TYPE_BY_WORK_MODE: Record<string, JobPosting['locationType']> = {
  onsite: 'onsite',
  remote: 'remote',
  hybrid: 'hybrid',
};

const SALARY_PERIODS: Record<string, JobPosting['salaryPeriod']> = {
  year: 'year',
  yearly: 'year',
  annual: 'year',
  annually: 'year',
  hour: 'hour',
  hourly: 'hour',
};

/** The result of mapping one job: a posting plus the board page to read its description from. */
export type ParsedJob =
  | { ok: true; posting: JobPosting; boardUrl?: string }
  | { ok: false; reason: string };

function text(x: unknown): string {
  return typeof x === 'string' || typeof x === 'number' ? normalizeWhitespace(String(x)) : '';
}

function clamp(s: string, max: number): string {
  return s.length > max ? s.slice(0, max).trimEnd() : s;
}

/** The job's Getro seniority, lower-cased (`''` when absent). */
export function seniorityOf(job: GetroJob): string {
  return text(job.seniority).toLowerCase();
}

/**
 * The stable board link of a job: `{baseUrl}/companies/{organization.slug}/jobs/{id}-{slug}`.
 *
 * @example
 * ```ts
 * boardJobUrl('https://techjobs.marsdd.com', 'acme', '123', 'data-intern');
 * // 'https://techjobs.marsdd.com/companies/acme/jobs/123-data-intern'
 * ```
 */
export function boardJobUrl(baseUrl: string, orgSlug: string, id: string, slug: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const tail = slug ? `${id}-${slug}` : id;
  return `${base}/companies/${encodeURIComponent(orgSlug)}/jobs/${encodeURIComponent(tail)}`;
}

/**
 * `created_at` (Unix seconds) -> UTC ISO. Milliseconds and ISO strings are tolerated.
 *
 * @example
 * ```ts
 * unixToIso(1767225600); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function unixToIso(x: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof x === 'number' || (typeof x === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(x))) {
    const n = Number(x);
    // A value this large is already milliseconds (seconds would be past the year 5000).
    ms = n > 1e11 ? n : n * 1000;
  } else if (typeof x === 'string' && x.trim() !== '') {
    ms = Date.parse(x);
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * `work_mode` -> locationType (`on_site`, `on-site`, `onsite` all mean onsite).
 *
 * @example
 * ```ts
 * workModeToLocationType('on_site'); // 'onsite'
 * ```
 */
export function workModeToLocationType(x: unknown): JobPosting['locationType'] | undefined {
  return LOCATION_TYPE_BY_WORK_MODE[text(x).toLowerCase().replace(/[^a-z]/g, '')];
}

const CANADA = /^(canada|can|ca)$/i;

/**
 * The first Canadian location of a job's `locations[]`, as city/province.
 *
 * A location is Canadian when it names a province (and no other country), e.g.
 * "Toronto, ON, Canada" or "Waterloo, Ontario"; a bare "Canada" / "Remote - Canada" counts
 * as Canadian without a city. Foreign ones ("Boston, MA, USA") are skipped, so a job listed in
 * "New York, NY, USA" and "Toronto, ON, Canada" gets Toronto.
 *
 * @example
 * ```ts
 * pickCanadianLocation(['San Francisco, CA, USA', 'Toronto, ON, Canada']); // { city: 'Toronto', province: 'ON' }
 * ```
 */
export function pickCanadianLocation(locations: unknown): { city?: string; province?: JobPosting['province']; remote?: boolean } | undefined {
  if (!Array.isArray(locations)) return undefined;
  let countryOnly: { remote?: boolean } | undefined;
  for (const raw of locations) {
    const s = text(typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : raw);
    if (!s) continue;
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    // "City, XX, Country": the country must be Canada, whatever the middle part looks like
    // ("CA" in "San Jose, CA, USA" is California).
    if (parts.length >= 3 && !CANADA.test(parts[parts.length - 1])) continue;
    const loc = parseLocation(s);
    if (loc.country && !/canada/i.test(loc.country)) continue;
    if (loc.province) {
      const city = loc.city ? clamp(normalizeWhitespace(loc.city), 120) : '';
      return { ...(city ? { city } : {}), province: loc.province, ...(loc.remote ? { remote: true } : {}) };
    }
    if (!countryOnly && (/\bcanada\b/i.test(s) || (loc.country && /canada/i.test(loc.country)))) {
      countryOnly = loc.remote || /remote/i.test(s) ? { remote: true } : {};
    }
  }
  return countryOnly;
}

function cents(x: unknown): number | undefined {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(n) / 100;
}

/**
 * Public CAD compensation -> salaryMin/salaryMax/salaryPeriod (cents / 100).
 *
 * Nothing is set when the employer hid the pay (`compensation_public` not true), when it is in
 * another currency (a USD figure would read as CAD downstream), or when the period is neither
 * a year nor an hour (a monthly figure has no slot in the schema). `withPay` is set to true
 * whenever a public, positive amount exists, whatever the currency: a paid role is paid.
 *
 * @example
 * ```ts
 * compensationOf({ compensation_public: true, compensation_currency: 'CAD', compensation_period: 'hour',
 *   compensation_amount_min_cents: 2200, compensation_amount_max_cents: 2600 });
 * // { withPay: true, salaryMin: 22, salaryMax: 26, salaryPeriod: 'hour' }
 * ```
 */
export function compensationOf(job: GetroJob): Pick<JobPosting, 'withPay' | 'salaryMin' | 'salaryMax' | 'salaryPeriod'> {
  if (job.compensation_public !== true) return {};
  let min = cents(job.compensation_amount_min_cents);
  let max = cents(job.compensation_amount_max_cents);
  if (min === undefined && max === undefined) return {};
  const out: Pick<JobPosting, 'withPay' | 'salaryMin' | 'salaryMax' | 'salaryPeriod'> = { withPay: true };
  const period = SALARY_PERIODS[text(job.compensation_period).toLowerCase()];
  if (text(job.compensation_currency).toUpperCase() !== 'CAD' || !period) return out;
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (min !== undefined) out.salaryMin = min;
  if (max !== undefined) out.salaryMax = max;
  out.salaryPeriod = period;
  return out;
}

/**
 * `skills[]` (strings, or objects with a `name`) -> requiredSkills, trimmed and de-duplicated.
 *
 * @example
 * ```ts
 * skillsOf([' Python ', 'python', { name: 'SQL' }, '']); // ['Python', 'SQL']
 * ```
 */
export function skillsOf(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of x) {
    const s = text(typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : raw);
    if (!s || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}

function httpUrl(x: unknown): string | undefined {
  const s = text(x);
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps one search result to a posting whose description is still empty (the search API carries
 * none; the crawl fills it from the board page). Returns `{ ok: false, reason }` when the job
 * lacks what a posting needs (id, title, organisation name, a link).
 *
 * @example
 * ```ts
 * const r = parseJob({ id: 7, slug: 'ml-intern', title: 'ML Intern', seniority: 'internship',
 *   organization: { name: 'Acme AI', slug: 'acme-ai' } }, 'https://techjobs.marsdd.com');
 * // r.posting.originalUrl === 'https://techjobs.marsdd.com/companies/acme-ai/jobs/7-ml-intern'
 * ```
 */
export function parseJob(job: GetroJob, baseUrl: string): ParsedJob {
  const id = text(job.id);
  if (!id) return { ok: false, reason: 'no id' };
  const title = clamp(text(job.title), 300);
  if (!title) return { ok: false, reason: `job ${id}: no title` };
  const org = typeof job.organization === 'object' && job.organization !== null ? job.organization : {};
  const companyName = clamp(text(org.name), 200);
  if (!companyName) return { ok: false, reason: `job ${id}: no organization name` };

  const orgSlug = text(org.slug);
  const slug = text(job.slug);
  // The board link is stable; the ATS `url` dies when the role closes, so it is only a last resort.
  const boardUrl = orgSlug ? boardJobUrl(baseUrl, orgSlug, id, slug) : undefined;
  const originalUrl = boardUrl ?? httpUrl(job.url);
  if (!originalUrl) return { ok: false, reason: `job ${id}: no organization slug and no usable url` };

  const posting: JobPosting = { title, companyName, originalUrl, externalId: clamp(id, 200), description: '' };
  const jobType = JOB_TYPE_BY_SENIORITY[seniorityOf(job)];
  if (jobType) posting.jobType = jobType;
  const datePosted = unixToIso(job.created_at);
  if (datePosted) posting.datePosted = datePosted;
  const where = pickCanadianLocation(job.locations);
  if (where?.city) posting.city = where.city;
  if (where?.province) posting.province = where.province;
  const locationType = workModeToLocationType(job.work_mode) ?? (where?.remote ? 'remote' : undefined);
  if (locationType) posting.locationType = locationType;
  Object.assign(posting, compensationOf(job));
  const skills = skillsOf(job.skills);
  if (skills.length > 0) posting.requiredSkills = skills;
  return boardUrl ? { ok: true, posting, boardUrl } : { ok: true, posting };
}
