/**
 * Parsing of the Getro search API's answer
 * (`POST {apiOrigin}/api/v2/collections/{id}/search/jobs`).
 *
 * The API is not ours, so every field is optional here and checked where it is used.
 */

/** A hiring organisation as embedded in a Getro job. */
export interface GetroOrganization {
  id?: number | string;
  name?: unknown;
  slug?: unknown;
}

/** One job of a Getro search page (only the fields this plugin reads). */
export interface GetroJob {
  id?: unknown;
  slug?: unknown;
  title?: unknown;
  /** The employer's ATS link: dies when the role closes, so never used as originalUrl. */
  url?: unknown;
  /** Unix seconds. */
  created_at?: unknown;
  /** `on_site` | `remote` | `hybrid`. */
  work_mode?: unknown;
  /** e.g. `["Toronto, ON, Canada"]`. */
  locations?: unknown;
  /** `internship` | `entry` | `mid_senior` | `director` | ... */
  seniority?: unknown;
  skills?: unknown;
  compensation_amount_min_cents?: unknown;
  compensation_amount_max_cents?: unknown;
  compensation_currency?: unknown;
  compensation_period?: unknown;
  compensation_public?: unknown;
  organization?: GetroOrganization | null;
}

/** One page of search results. */
export interface SearchPage {
  /** The page's jobs (non-object entries dropped). */
  jobs: GetroJob[];
  /** Total hits for the query, when the API said. */
  count?: number;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function toCount(x: unknown): number | undefined {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/**
 * Reads one search page from the decoded JSON body.
 *
 * The documented shape is `{"results": {"jobs": [...], "count": N}, "meta": {...}}`; a bare
 * `{"jobs": [...], "count": N}` is accepted too. Returns `undefined` when no jobs array is found
 * (the API changed: the caller fails the run rather than archiving every job).
 *
 * @example
 * ```ts
 * parseSearchPage({ results: { jobs: [{ id: 1, title: 'Intern' }], count: 1 } });
 * // { jobs: [{ id: 1, title: 'Intern' }], count: 1 }
 * ```
 */
export function parseSearchPage(body: unknown): SearchPage | undefined {
  if (!isRecord(body)) return undefined;
  const holder = isRecord(body.results) ? body.results : body;
  if (!Array.isArray(holder.jobs)) return undefined;
  const jobs = holder.jobs.filter(isRecord) as GetroJob[];
  const count = toCount(holder.count) ?? (isRecord(body.meta) ? toCount(body.meta.total) : undefined);
  return count === undefined ? { jobs } : { jobs, count };
}

/**
 * The body the board's own front end posts for one page (`page` is 0-based).
 *
 * @example
 * ```ts
 * searchRequestBody(0, 20); // { hitsPerPage: 20, page: 0, query: '', filters: {} }
 * ```
 */
export function searchRequestBody(page: number, hitsPerPage: number): Record<string, unknown> {
  return { hitsPerPage, page, query: '', filters: {} };
}
