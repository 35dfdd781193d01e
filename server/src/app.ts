import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PathfinderConfig } from '@pathfinder/core';
import type { AppContext, AppServices } from './app-context.js';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './http/error-handler.js';
import { documentErrorAnswers } from './http/document-error-answers.js';
import { rejectUnstorableInput } from './http/reject-unstorable-input.js';
import { rejectNonFiniteNumbers } from './http/reject-non-finite.js';
import { DOCS_CSP, registerSecurityHeaders } from './http/security-headers.js';
import { ErrorSchema } from './schemas/common.js';
import { registerRoutes } from './routes/index.js';
import { siteRoutes } from './site/site-routes.js';
import { closeSearchCacheOnClose } from './search/search-cache-service.js';
import { API_VERSION } from './version.js';
import { lazySchemaCompilers } from './http/lazy-schema-compilers.js';

export interface BuildAppOptions {
  config: PathfinderConfig;
  orm: MikroORM;
  services?: Partial<AppServices>;
  /** pino options, or false to silence (tests). Default: the config's LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * Builds the whole HTTP app without listening: `start` listens on it, tests call `inject()`.
 *
 * @example
 * const app = await buildApp({ config, orm, logger: false });
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, orm } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // A request must arrive whole within 30 s (a client that sends half a body and stalls is cut,
    // with a 408); idle keep-alive connections are closed on shutdown (Fastify's default).
    requestTimeout: 30_000,
    // Router and HTTP-parser errors in the one error body (they happen before any hook runs).
    frameworkErrors,
    clientErrorHandler,
    // A hop count trusts that many proxies nearest to us (Fastify's typing takes it as a function).
    trustProxy: typeof config.trustProxy === 'number' ? ((_address: string, hop: number) => hop < (config.trustProxy as number)) : config.trustProxy,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // Fastify's own compilers, each route's schemas compiled on its first request (see lazy-schema-compilers.ts).
    schemaController: lazySchemaCompilers(),
    // Schemas with an $id become named OpenAPI components instead of def-0, def-1…
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = { config, orm, services: (options.services ?? {}) as AppServices };
  app.decorate('ctx', ctx);

  installErrorHandling(app);
  closeSearchCacheOnClose(app);
  rejectUnstorableInput(app);
  rejectNonFiniteNumbers(app);
  app.addSchema(ErrorSchema);
  // Before swagger: its onRoute hook reads the responses this one adds.
  documentErrorAnswers(app);

  await registerSecurityHeaders(app, config);
  // `*` is served as the literal wildcard without credentials, never reflected with them: a reflected
  // origin plus credentials would let any site read a signed-in user's answers.
  const anyOrigin = config.corsOrigins.length === 1 && config.corsOrigins[0] === '*';
  await app.register(cors, anyOrigin ? { origin: '*', credentials: false } : { origin: config.corsOrigins, credentials: true });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pathfinder API',
        version: API_VERSION,
        description: 'Co-op, internship and new-grad jobs in Canada, gathered by source plugins. Errors share one body; `code` is stable (docs/errors.md).',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token `<id>.<secret>` from POST /api/v1/auth/login' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'pf_session' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // Its own CSP (set on its routes after helmet's), and no call to the online validator.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP, uiConfig: { validatorUrl: null } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerRoutes(app);
  // The site for job seekers (server/site), on the same port: its pages, assets, sitemap and robots.txt.
  await app.register(siteRoutes);
  return app;
}
