import { ConfigError } from '@pathfinder/sdk';
import { SITE_HOSTS } from './site.js';

/**
 * Compiles one of the config's regex sources (case-insensitive).
 *
 * @throws ConfigError (`PF_ERR_CONFIG_INVALID`) naming the field when the source is not a valid regex.
 * @example
 * ```ts
 * compilePattern('job|intern', 'childSitemapPattern').test('/job-sitemap.xml'); // true
 * ```
 */
export function compilePattern(source: string, field: string): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch (e) {
    throw new ConfigError(`Invalid Career Edge config: ${field}: not a valid regular expression: ${source}`, {
      cause: e,
      errors: [`${field}: not a valid regular expression`],
    });
  }
}

/**
 * Maps a sitemap `<loc>` onto the crawl's base URL.
 *
 * - `https://www.careeredge.ca/job/x/` (or the bare domain, or http) becomes `${baseUrl}/job/x/`;
 * - a URL already on the base URL's origin is kept as it is;
 * - a root-relative `/job/x/` (invalid in a sitemap, but seen) is put under the base URL;
 * - anything else (another host, `mailto:`, garbage) gives `undefined`.
 *
 * The fragment is dropped; the query is kept.
 *
 * @example
 * ```ts
 * toBaseUrl('https://www.careeredge.ca/job/analyst/', 'http://127.0.0.1:4000'); // 'http://127.0.0.1:4000/job/analyst/'
 * ```
 */
export function toBaseUrl(loc: string, baseUrl: string): string | undefined {
  const raw = loc.trim();
  if (!raw) return undefined;
  const base = new URL(baseUrl);
  // A mirror may live under a path (http://mirror/careeredge): keep that prefix on rewritten URLs.
  const prefix = base.pathname.replace(/\/+$/, '');
  const relative = raw.startsWith('/') && !raw.startsWith('//');
  let url: URL;
  try {
    url = relative ? new URL(raw, base.origin) : new URL(raw.startsWith('//') ? `${base.protocol}${raw}` : raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  if (relative) return `${base.origin}${prefix}${url.pathname}${url.search}`;
  if (url.origin === base.origin) return url.href;
  if (!SITE_HOSTS.includes(url.hostname.toLowerCase())) return undefined;
  return `${base.origin}${prefix}${url.pathname}${url.search}`;
}

/**
 * Keeps the `<loc>`s whose path matches `pattern`, mapped onto the base URL (see {@link toBaseUrl}),
 * without duplicates and in sitemap order. The pattern is tested against the URL's path only, so a
 * query string or a host name containing "job" cannot make a page look like a posting.
 *
 * @example
 * ```ts
 * selectUrls(['https://www.careeredge.ca/job/a/', 'https://www.careeredge.ca/jobs/'], /\/job\/[^/]+\/?$/i, 'https://www.careeredge.ca');
 * // ['https://www.careeredge.ca/job/a/']
 * ```
 */
export function selectUrls(locs: Iterable<string>, pattern: RegExp, baseUrl: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const loc of locs) {
    const url = toBaseUrl(loc, baseUrl);
    if (url === undefined || seen.has(url)) continue;
    if (!pattern.test(new URL(url).pathname)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}

/**
 * The last non-empty path segment of a posting URL, decoded: the WordPress slug.
 *
 * @example
 * ```ts
 * slugFromUrl('https://www.careeredge.ca/internship/software-developer-intern/'); // 'software-developer-intern'
 * ```
 */
export function slugFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const last = path.split('/').filter(Boolean).pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
