import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@pathfinder/core';
import { buildApp } from '../app.js';

/** The public URL written into the generated document's `servers`, so it does not depend on this machine's config. */
export const DOCUMENT_PUBLIC_URL = 'http://localhost:8000';

/**
 * The API's OpenAPI document, built from the route tree without a database: routes touch the ORM
 * only while answering a request, and none is answered here.
 *
 * @example
 * const doc = await buildOpenApiDocument();
 * console.log(Object.keys(doc.paths).length);
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown> & { paths: Record<string, unknown> }> {
  const config = loadConfig({ PATHFINDER_DATA_DIR: '/tmp/pathfinder-openapi', PUBLIC_URL: DOCUMENT_PUBLIC_URL });
  // No ORM: a request would fail loudly, which is what we want if one were ever made here.
  const orm = new Proxy({}, { get: (_t, name) => { throw new Error(`buildOpenApiDocument: the ORM was used (${String(name)})`); } }) as unknown as MikroORM;
  const app = await buildApp({ config, orm, logger: false, services: { searchCache: false } });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown> & { paths: Record<string, unknown> };
  } finally {
    await app.close();
  }
}
