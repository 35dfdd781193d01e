import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Vite project of the site for job seekers (sources). */
export const SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../site');
/** Where `vite build` writes the site (gitignored; built on install and, when stale, at start). */
export const SITE_DIST_DIR = path.join(SITE_DIR, 'dist');
/** The typed API client the site is built on: a change to it makes the build stale too. */
export const CLIENT_DIR = path.resolve(SITE_DIR, '../../sdk/src/client');

/**
 * The site's own paths, served by the same process as the API: the single-page app's routes answer
 * its HTML (the client router takes over), `/jobs/:id` with the job's head, plus assets and crawler files.
 * Tests that compare the route tree with the OpenAPI document leave these out: they are not API.
 */
export const SITE_PAGE_PATHS = [
  '/',
  '/jobs/:id',
  '/sign-in',
  '/sign-in/mfa',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/dashboard',
  '/dashboard/alerts/new',
  // The admin console and the employer portal (lazy chunks of the same app).
  '/admin',
  '/admin/runs',
  '/admin/runs/:id',
  '/admin/plugins/:id',
  '/admin/users',
  '/admin/access-log',
  '/admin/links',
  '/admin/sources',
  '/admin/reference',
  '/admin/analytics',
  '/employer',
  '/employer/jobs/new',
  '/employer/jobs/:id',
] as const;
export const SITE_OTHER_PATHS = ['/sitemap.xml', '/sitemaps/:name', '/robots.txt', '/favicon.svg'] as const;
/** The built assets: one route per file (no wildcard), all under this prefix. */
export const SITE_ASSETS_PREFIX = '/assets/';

/** Whether a route path (Fastify's `:param` or OpenAPI's `{param}` spelling) is one of the site's. */
export function isSitePath(routePath: string): boolean {
  const fastify = routePath.replace(/\{(\w+)\}/g, ':$1');
  return (SITE_PAGE_PATHS as readonly string[]).includes(fastify) || (SITE_OTHER_PATHS as readonly string[]).includes(fastify) || fastify.startsWith(SITE_ASSETS_PREFIX);
}
