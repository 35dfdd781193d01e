/**
 * URLs of the ECO Works board, built on `ctx.baseUrl` from the job's id. Links the pages carry
 * (the listing's `rel="next"`) are followed as written: a mirror is the engine's origin map's job.
 */

/** The real board. The listing walk starts here (a mirror is reached through the engine's origin map). */
export const SITE_BASE_URL = 'https://ecoworks.eco.ca';

// `/jobs/48213`, `jobs/48213?utm=…`, `https://ecoworks.eco.ca/jobs/48213-some-slug`; not `/jobs/48213/apply`.
const JOB_HREF = /(?:^|\/)jobs\/(\d+)(?=\/?(?:$|[?#])|-)/;

/**
 * The numeric job id in a job link, or `undefined` when the link is not a job page.
 *
 * @example
 * ```ts
 * jobIdFromHref('/jobs/48213?utm_source=board'); // '48213'
 * jobIdFromHref('/jobs/48213/apply');            // undefined
 * ```
 */
export function jobIdFromHref(href: string): string | undefined {
  return JOB_HREF.exec(href.trim())?.[1];
}

/**
 * The detail page of a job.
 *
 * @example
 * ```ts
 * jobUrl('https://ecoworks.eco.ca', '48213'); // 'https://ecoworks.eco.ca/jobs/48213'
 * ```
 */
export function jobUrl(baseUrl: string, id: string): string {
  return `${trimSlash(baseUrl)}/jobs/${id}`;
}

/**
 * A listing URL: `baseUrl` + the configured list path.
 *
 * @example
 * ```ts
 * listUrl('http://127.0.0.1:8080/', '/jobs'); // 'http://127.0.0.1:8080/jobs'
 * ```
 */
export function listUrl(baseUrl: string, listPath: string): string {
  return `${trimSlash(baseUrl)}${listPath.startsWith('/') ? listPath : `/${listPath}`}`;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
