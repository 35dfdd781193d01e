import type { FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { PathfinderConfig } from '@pathfinder/core';

/**
 * The CSP of API answers (JSON): nothing may load, nothing may frame them. A JSON answer opened in
 * a browser tab (or sniffed as HTML) then runs nothing.
 */
export const API_CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The CSP of Swagger UI at `/api/docs`. Its page loads only its own files (`script-src 'self'`, no
 * inline script: @fastify/swagger-ui serves the initializer as a file) and reads the document from
 * the same origin (`connect-src 'self'`). Its icons are `data:` images; React sets some style
 * attributes, hence `'unsafe-inline'` for styles only. The online validator badge is turned off in
 * `uiConfig`, so no third-party host is needed.
 */
export const DOCS_CSP = [
  "default-src 'none'", "base-uri 'self'", "connect-src 'self'", "font-src 'self' data:", "img-src 'self' data:",
  "manifest-src 'self'", "object-src 'none'", "script-src 'self'", "script-src-attr 'none'", "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

/**
 * Helmet's options for this deployment: nosniff, `Referrer-Policy: no-referrer`, the API's CSP,
 * `X-Frame-Options: DENY`, and HSTS (one year) only when PUBLIC_URL is https — a browser that saw HSTS
 * on a plain-http deployment would refuse it afterwards.
 */
export function securityHeaderOptions(config: Pick<PathfinderConfig, 'publicUrl'>): FastifyHelmetOptions {
  const https = config.publicUrl.startsWith('https:');
  return {
    // Every route gets these headers; a route (say, the site's HTML pages) overrides any part with its
    // own `helmet: { contentSecurityPolicy: { … } }` route option, or opts out with `helmet: false`.
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    // The API is meant to be called from other origins through CORS; CORP would block nothing CORS
    // allows, but `same-site` keeps no-cors embeds (an <img> of a JSON URL) from other sites out.
    crossOriginResourcePolicy: { policy: 'same-site' },
  };
}

/**
 * Adds the security headers to every answer (see {@link securityHeaderOptions}).
 *
 * @example
 * await registerSecurityHeaders(app, config);
 * // a route with its own page policy:
 * app.get('/', { helmet: { contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"] } } } }, handler);
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<PathfinderConfig, 'publicUrl'>): Promise<void> {
  await app.register(helmet, securityHeaderOptions(config));
}
