/**
 * Maps one job of Greenhouse's Job Board API (`GET /v1/boards/{board}/jobs?content=true`) to a
 * posting. Pure: JSON in, posting out.
 */
import {
  decodeEntities,
  htmlToText,
  normalizeWhitespace,
  parseDate,
  parseLocation,
  sanitizeHtml,
  type JobPosting,
} from '@pathfinder/sdk';

/** The fields of an API job this plugin reads (the API sends more: departments, offices, metadata…). */
export interface GreenhouseJob {
  id?: number | string;
  title?: string;
  absolute_url?: string;
  company_name?: string;
  location?: { name?: string } | null;
  updated_at?: string;
  first_published?: string;
  /** The description as HTML that is itself entity-escaped: `&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;`. */
  content?: string;
}

export type MappedJob = { ok: true; posting: JobPosting } | { ok: false; reason: string };

/**
 * Maps an API job. The company is `companyName` (the config's), else the job's `company_name`,
 * else the board token. A job without a title or an http(s) `absolute_url` is refused, with the
 * reason. `datePosted` is `first_published` when the API gives it, else `updated_at`.
 *
 * @example
 * ```ts
 * mapGreenhouseJob({ id: 4012, title: 'Robotics Intern', absolute_url: 'https://boards.greenhouse.io/maple/jobs/4012',
 *   location: { name: 'Waterloo, Ontario, Canada' }, updated_at: '2026-11-02T10:15:00-05:00',
 *   content: '&lt;p&gt;Build robots.&lt;/p&gt;' }, { board: 'maple' });
 * // { ok: true, posting: { title: 'Robotics Intern', companyName: 'maple', externalId: '4012', city: 'Waterloo',
 * //   province: 'ON', datePosted: '2026-11-02T15:15:00.000Z', description: 'Build robots.', ... } }
 * ```
 */
export function mapGreenhouseJob(raw: unknown, o: { board: string; companyName?: string }): MappedJob {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'a job entry is not an object' };
  const job = raw as GreenhouseJob;
  const id = typeof job.id === 'number' || typeof job.id === 'string' ? String(job.id).trim() : '';
  const title = plain(job.title);
  if (!title) return { ok: false, reason: `job ${id || '(no id)'} has no title` };
  const url = httpUrl(job.absolute_url);
  if (!url) return { ok: false, reason: `job ${id || '(no id)'} "${title}" has no http(s) absolute_url` };

  const posting: JobPosting = {
    title: clamp(title, 300),
    companyName: clamp(o.companyName?.trim() || plain(job.company_name) || o.board, 200),
    originalUrl: url,
    description: '',
  };
  if (id) posting.externalId = id;

  // The API escapes the HTML once more: decode one level to get the HTML the company wrote.
  const html = typeof job.content === 'string' ? decodeEntities(job.content) : '';
  if (html.trim()) {
    posting.description = htmlToText(html);
    const safe = sanitizeHtml(html).trim();
    if (safe) posting.descriptionHtml = safe;
  }

  const where = parseLocation(typeof job.location?.name === 'string' ? job.location.name : '');
  if (where.city) posting.city = where.city;
  if (where.province) posting.province = where.province;
  // Only what the board states; on-site is the pipeline's inference.
  if (where.locationType === 'remote' || where.locationType === 'hybrid') posting.locationType = where.locationType;

  const posted = dateOf(job.first_published) ?? dateOf(job.updated_at);
  if (posted) posting.datePosted = posted;
  return { ok: true, posting };
}

function plain(s: unknown): string {
  if (typeof s !== 'string') return '';
  return normalizeWhitespace(/[&<]/.test(s) ? htmlToText(s) : s);
}

function httpUrl(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    const url = new URL(s.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function dateOf(s: unknown): string | undefined {
  return typeof s === 'string' && s.trim() ? parseDate(s) : undefined;
}

function clamp(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
