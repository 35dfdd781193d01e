import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
// Types only: the `helmet` route option's declaration and its options' shape. Its runtime is not
// registered (see registerSecurityHeaders).
import type { FastifyHelmetOptions, FastifyHelmetRouteOptions } from '@fastify/helmet';
import helmet from 'helmet';
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

type Headers = ReadonlyArray<readonly [string, string]>;
type RouteHelmet = Omit<FastifyHelmetOptions, 'global'> & { skipRoute?: boolean };

/**
 * The headers helmet sets for `options`, worked out once: helmet's middleware is run against a
 * response that only records them. (Every `helmet` option we take is static: no nonces, no
 * functions of the request.)
 */
export function securityHeadersOf(options: Omit<FastifyHelmetOptions, 'global' | 'enableCSPNonces'>): Headers {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  helmet(options as Parameters<typeof helmet>[0])({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

/**
 * Adds the security headers to every answer (see {@link securityHeaderOptions}), with the
 * `helmet` route option of @fastify/helmet: an object overrides parts of the global options for
 * that route, `false` sends none.
 *
 * Why not @fastify/helmet itself: it builds helmet's whole middleware (and parses the CSP) again on
 * every request, about a third of what a cached search allocated under load (issue 15, loaded RSS).
 * Here each distinct set of headers is computed once and each request only copies it.
 *
 * @example
 * await registerSecurityHeaders(app, config);
 * // a route with its own page policy:
 * app.get('/', { helmet: { contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"] } } } }, handler);
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<PathfinderConfig, 'publicUrl'>): Promise<void> {
  const { global: _global, enableCSPNonces: _nonces, ...options } = securityHeaderOptions(config);
  const everywhere = securityHeadersOf(options);
  // Keyed by the route's own `helmet` object (one per route, the same on every request).
  const perRoute = new WeakMap<object, Headers>();
  const headersOf = (route: RouteHelmet): Headers => {
    let headers = perRoute.get(route);
    if (!headers) {
      const { skipRoute, enableCSPNonces, ...own } = route;
      if (enableCSPNonces) throw new Error('The `helmet.enableCSPNonces` route option is not supported: the security headers are computed once per route.');
      headers = skipRoute ? [] : securityHeadersOf({ ...options, ...own });
      perRoute.set(route, headers);
    }
    return headers;
  };
  // As @fastify/helmet does: the route option travels in the route's config, `false` as "skip".
  app.addHook('onRoute', (route) => {
    const own = (route as { helmet?: FastifyHelmetRouteOptions['helmet'] }).helmet;
    if (own === undefined) return;
    if (own !== false && typeof own !== 'object') throw new Error('Unknown value for route helmet configuration');
    const helmetOption: RouteHelmet = own === false ? { skipRoute: true } : own;
    route.config = Object.assign(route.config ?? Object.create(null), { helmet: helmetOption });
    headersOf(helmetOption);
  });
  app.addHook('onRequest', (request, reply, done) => {
    const own = (request.routeOptions.config as { helmet?: RouteHelmet }).helmet;
    for (const [name, value] of own === undefined ? everywhere : headersOf(own)) reply.raw.setHeader(name, value);
    done();
  });
}
