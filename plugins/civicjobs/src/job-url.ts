/** The path of a job's detail page; the `id` query parameter is the job's identity. */
export const JOB_PATH = '/jobs';

/**
 * The job id in a CivicJobs link: the `id` query parameter (`/jobs?id=123456`).
 * Tolerates relative links, `&amp;`-escaped query strings and stray whitespace.
 *
 * @example
 * ```ts
 * jobIdFromLink('http://www.civicjobs.ca/jobs?id=123456&amp;utm_source=rss'); // '123456'
 * jobIdFromLink('/jobs?page=2'); // undefined
 * ```
 */
export function jobIdFromLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link.trim().replace(/&amp;/gi, '&'), 'https://placeholder.invalid/');
  } catch {
    return undefined;
  }
  const id = url.searchParams.get('id')?.trim();
  // Real ids are 5-6 digits; anything word-like is kept so a format change does not drop jobs.
  return id && /^[A-Za-z0-9_-]{1,40}$/.test(id) ? id : undefined;
}

/**
 * The canonical URL of a job on the crawl's base URL: `{baseUrl}/jobs?id={id}`, whatever origin,
 * scheme or extra parameters the feed's link carried (feeds mix `http://` and `https://`).
 *
 * @example
 * ```ts
 * jobUrl('https://www.civicjobs.ca', '123456'); // 'https://www.civicjobs.ca/jobs?id=123456'
 * ```
 */
export function jobUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${JOB_PATH}?id=${encodeURIComponent(id)}`;
}

/**
 * A link without a job id, made absolute against `pageUrl` (used only when no id can be found, so
 * the posting still has a working URL). The site's own URL is kept: a crawl against a mirror reaches
 * it through the engine's origin map, not by rewriting here.
 *
 * @example
 * ```ts
 * linkUrl('/careers/x?y=1&amp;z=2', 'https://www.civicjobs.ca/rss'); // 'https://www.civicjobs.ca/careers/x?y=1&z=2'
 * linkUrl('mailto:hr@example.ca', 'https://www.civicjobs.ca/rss');   // undefined
 * ```
 */
export function linkUrl(link: string, pageUrl: string): string | undefined {
  try {
    const url = new URL(link.trim().replace(/&amp;/gi, '&'), pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
