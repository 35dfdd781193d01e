/**
 * Facts about careeredge.ca shared by the manifest and the crawl, kept in one place so that a change
 * on the site is one edit.
 */

/** The real site. */
export const SITE_BASE_URL = 'https://www.careeredge.ca';

/**
 * The other origins the site answers on and its sitemap sometimes names (the bare domain, plain
 * http). Declared as the manifest's `siteOrigins`, so a mirror stands in for them too.
 */
export const SITE_ORIGINS: readonly string[] = ['https://careeredge.ca', 'http://www.careeredge.ca', 'http://careeredge.ca'];

/** WordPress back-office paths, declared in the manifest: the fetcher refuses them before any request. */
export const DISALLOWED_PATHS: readonly string[] = ['/wp-admin', '/wp-login.php'];
