/**
 * Facts about careeredge.ca shared by the manifest and the crawl, kept in one place so that a change
 * on the site is one edit.
 */

/** The real site. */
export const SITE_BASE_URL = 'https://www.careeredge.ca';

/**
 * Hosts the real sitemap names in its `<loc>`s. A URL on one of them is rewritten onto `ctx.baseUrl`,
 * so a mirror or the fixture server receives every request. Any other host is not ours.
 */
export const SITE_HOSTS: readonly string[] = ['www.careeredge.ca', 'careeredge.ca'];

/**
 * WordPress back-office paths. Declared in the manifest (the engine refuses them) and also filtered
 * out of the sitemap by the crawl, so a stray preview link is never even attempted.
 */
export const DISALLOWED_PATHS: readonly string[] = ['/wp-admin', '/wp-login.php'];
