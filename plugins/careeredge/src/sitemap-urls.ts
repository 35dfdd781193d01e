import { ConfigError } from '@pathfinder/sdk';
import { SITE_BASE_URL, SITE_ORIGINS } from './site.js';

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
 * The origins whose URLs a sitemap may list: careeredge.ca's own, and the origin the crawl is pointed
 * at (`ctx.baseUrl`: a mirror serving the site may name itself in its sitemaps).
 *
 * @example
 * ```ts
 * siteOrigins('http://127.0.0.1:4010').has('https://careeredge.ca'); // true
 * ```
 */
export function siteOrigins(crawlBaseUrl: string): ReadonlySet<string> {
  return new Set([SITE_BASE_URL, ...SITE_ORIGINS, crawlBaseUrl].map((o) => new URL(o).origin));
}

/**
 * A sitemap `<loc>` as an absolute URL when it names a page of the site, else `undefined`.
 *
 * The sitemap protocol only lets a sitemap list URLs of its own site, so a `<loc>` counts when it is
 * on one of `origins` ({@link siteOrigins}). The URL is kept as written (whitespace and fragment
 * dropped): a mirror is reached through the engine's origin map, never by rewriting here. A
 * root-relative `/job/x/` (invalid in a sitemap, but seen) is resolved against the sitemap.
 *
 * @example
 * ```ts
 * const site = siteOrigins('https://www.careeredge.ca');
 * siteUrl('  https://careeredge.ca/job/analyst/#apply ', 'https://www.careeredge.ca/job-sitemap.xml', site); // 'https://careeredge.ca/job/analyst/'
 * siteUrl('https://cdn.example.com/job/a/', 'https://www.careeredge.ca/job-sitemap.xml', site);             // undefined
 * ```
 */
export function siteUrl(loc: string, sitemapUrl: string, origins: ReadonlySet<string>): string | undefined {
  const raw = loc.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw, sitemapUrl);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !origins.has(url.origin)) return undefined;
  url.hash = '';
  return url.href;
}

/**
 * True when `url`'s path matches `pattern`: tested on the path only, so a query string or a host
 * name containing "job" cannot make a page look like a posting.
 *
 * @example
 * ```ts
 * pathMatches('https://www.careeredge.ca/about/?next=/job/x/', /\/job\/[^/]+\/?$/i); // false
 * ```
 */
export function pathMatches(url: string, pattern: RegExp): boolean {
  return pattern.test(new URL(url).pathname);
}

/**
 * The page a URL names whatever origin spells it (`https://careeredge.ca/job/a/` and
 * `https://www.careeredge.ca/job/a/` are one page): its path and query.
 *
 * @example
 * ```ts
 * pageKey('https://careeredge.ca/job/a/?lang=fr'); // '/job/a/?lang=fr'
 * ```
 */
export function pageKey(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
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
