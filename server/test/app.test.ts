import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { createOrm, startEmbeddedPostgres, ensureDatabase } from '@pathfinder/core';
import { useTestApp, testConfig } from './helpers.js';
import { buildApp } from '../src/app.js';

const t = useTestApp({
  beforeReady(app) {
    // A route with a body schema, to see validation errors take the common shape.
    app.post('/test/echo', { schema: { body: Type.Object({ name: Type.String({ minLength: 2 }), age: Type.Integer() }) } }, async (req) => req.body);
    // A NUL inlined into SQL text is a protocol error in Postgres (08P01), not a data error: it is
    // refused at the door (http/reject-unstorable-input.ts) before any handler runs.
    app.post('/test/store', { schema: { body: Type.Object({ text: Type.String({ maxLength: 100 }) }) } }, async (req) => {
      await app.ctx.orm.em.getConnection().execute('select ?::text as t', [(req.body as { text: string }).text]);
      return { ok: true };
    });
    app.get('/test/boom', async () => {
      throw new Error('secret internal detail');
    });
  },
});

const errorShape = { statusCode: expect.any(Number), error: expect.any(String), message: expect.any(String), code: expect.stringMatching(/^PF_ERR_/) };

describe('the app skeleton', () => {
  it('GET /health does a real database round-trip', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: 'up' });
  });

  it('serves an OpenAPI 3.1 document and Swagger UI', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/health']).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await t.app.inject('/nope?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ ...errorShape, statusCode: 404, code: 'PF_ERR_NOT_FOUND', message: 'Route GET /nope not found' });
  });

  it('answers malformed JSON with 400 PF_ERR_MALFORMED_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": "x",' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ...errorShape, code: 'PF_ERR_MALFORMED_JSON' });
  });

  it('answers a validation error with 400, the field and PF_ERR_VALIDATION', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'a', age: 3 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ ...errorShape, code: 'PF_ERR_VALIDATION' });
    expect(body.message).toMatch(/body\/name/);
    expect(body.details[0].path).toBe('/name');
  });

  it('answers text Postgres cannot store (a NUL byte) with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/store', payload: { text: 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PF_ERR_VALIDATION' });
  });

  it('hides internal errors behind a 500 with the shape and no detail', async () => {
    const res = await t.app.inject('/test/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ ...errorShape, code: 'PF_ERR_INTERNAL' });
    expect(res.body).not.toContain('secret internal detail');
  });

  it('allows CORS from the configured site origin only', async () => {
    const ok = await t.app.inject({ method: 'OPTIONS', url: '/health', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' } });
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const other = await t.app.inject({ method: 'OPTIONS', url: '/health', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('/health with a stopped database', () => {
  it('reports db down with 503, and API calls answer 503 with Retry-After', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-health-'));
    const cluster = await startEmbeddedPostgres({ dataDir: dir });
    try {
      await ensureDatabase(cluster.adminUrl, 'health');
      const orm = await createOrm(cluster.databaseUrl('health'));
      const app = await buildApp({ config: testConfig(), orm, logger: false });
      expect((await app.inject('/health')).statusCode).toBe(200);
      await cluster.stop();
      const res = await app.inject('/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', db: 'down' });
      // An API call is a 503 the client can wait out (with Retry-After), never a 500.
      const jobs = await app.inject('/api/v1/jobs');
      expect(jobs.statusCode).toBe(503);
      expect(jobs.headers['retry-after']).toBe('5');
      expect(jobs.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'PF_ERR_DB_UNAVAILABLE' });
      await app.close();
      await orm.close(true).catch(() => undefined);
    } finally {
      await cluster.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
