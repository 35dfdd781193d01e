import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../src/http/lazy-schema-compilers.js';

// The compilers compile on first use; what a route sees must be what Fastify's own eager ones give.
async function appWith() {
  const app = Fastify({
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    schemaController: lazySchemaCompilers(),
  });
  app.get('/items', {
    schema: {
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, default: 20 }, tag: { type: 'array', items: { type: 'string' } } } },
      headers: { type: 'object', properties: { 'X-Client': { type: 'string', minLength: 2 } }, required: ['X-Client'] },
      response: { 200: { type: 'object', properties: { limit: { type: 'integer' }, tag: { type: 'array', items: { type: 'string' } } } } },
    },
  }, async (request) => ({ ...(request.query as object), secret: 'not in the schema' }));
  await app.ready();
  return app;
}

describe('lazySchemaCompilers', () => {
  it('coerces, fills defaults and serialises by the response schema', async () => {
    const app = await appWith();
    const ok = await app.inject({ url: '/items?limit=5&tag=a', headers: { 'x-client': 'web' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ limit: 5, tag: ['a'] });
    const defaults = await app.inject({ url: '/items', headers: { 'x-client': 'web' } });
    expect(defaults.json()).toEqual({ limit: 20 });
    await app.close();
  });

  it('answers 400 with Ajv\'s message for bad input, header names matched case-insensitively', async () => {
    const app = await appWith();
    const badQuery = await app.inject({ url: '/items?limit=0', headers: { 'x-client': 'web' } });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().message).toMatch(/querystring\/limit must be >= 1/);
    const noHeader = await app.inject({ url: '/items' });
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().message).toMatch(/headers must have required property 'x-client'/);
    await app.close();
  });
});
