/**
 * URLs of the ECO Works board, always built on `ctx.baseUrl` (the engine may point it at a
 * mirror or at the test kit's fixture server), whatever origin a link in the page names.
 */

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

/**
 * Resolves a link found on `pageUrl` and moves it onto `baseUrl`: a link already under
 * `baseUrl` is kept; any other (the real site's absolute `https://ecoworks.eco.ca/jobs?page=2`,
 * or a root-relative `/jobs?page=2` when `baseUrl` carries a path prefix) keeps only its path
 * and query, appended to `baseUrl`.
 *
 * @example
 * ```ts
 * rebaseUrl('https://ecoworks.eco.ca/jobs?page=2', 'http://mirror/jobs', 'http://mirror');
 * // 'http://mirror/jobs?page=2'
 * rebaseUrl('/jobs?page=3', 'http://mirror/eco/jobs?page=2', 'http://mirror/eco');
 * // 'http://mirror/eco/jobs?page=3'
 * ```
 */
export function rebaseUrl(href: string, pageUrl: string, baseUrl: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(href.trim(), pageUrl);
  } catch {
    return undefined;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
  resolved.hash = '';
  const base = trimSlash(baseUrl);
  const text = resolved.toString();
  if (text === base || text.startsWith(`${base}/`) || text.startsWith(`${base}?`)) return text;
  return `${base}${resolved.pathname}${resolved.search}`;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
