import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type PathfinderConfig } from '@pathfinder/core';
import { useTestApp } from './helpers.js';
import { buildApp } from '../src/app.js';
import { DOCS_CSP } from '../src/http/security-headers.js';
import { createUserSession, TEST_PASSWORD } from './support/auth.js';

const t = useTestApp({
  beforeReady(app) {
    // How a site page served by the same process sets its own policy: the route's `helmet` option.
    app.get('/test/page', { helmet: { contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"], 'script-src': ["'self'"] } } } },
      async (_request, reply) => reply.type('text/html').send('<!doctype html><p>site</p>'));
    app.get('/test/bare', { helmet: false }, async () => 'bare');
  },
});

const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

/** Another app on the same database, built from environment variables as `start` would read them. */
async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  const config: PathfinderConfig = loadConfig({ PATHFINDER_DATA_DIR: '/tmp/pathfinder-test-data', ...env });
  const app = await buildApp({ config, orm: t.db.orm, logger: false });
  apps.push(app);
  return app;
}

describe('security headers', () => {
  it.each(['/health', '/api/v1/jobs', '/api/openapi.json', '/nope'])('API answers (%s) carry nosniff, no-referrer, DENY and a CSP that loads nothing', async (url) => {
    const res = await t.app.inject(url);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // PUBLIC_URL is http here: HSTS would lock browsers out of a plain-http deployment.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('Swagger UI gets a policy that lets its own scripts and styles run, and nothing from elsewhere', async () => {
    const page = await t.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(DOCS_CSP).toMatch(/script-src 'self';/);
    expect(DOCS_CSP).not.toMatch(/unsafe-eval|https:|\*/);
    // Every script the page loads is a file of its own origin (no inline script for the CSP to block).
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\.\/static\//);
      expect(inline!.trim()).toBe('');
    }
    const asset = await t.app.inject('/api/docs/static/swagger-initializer.js');
    expect(asset.statusCode).toBe(200);
    // The online validator is off: the UI calls no third-party host.
    expect(asset.body).toMatch(/validatorUrl["']?\s*:\s*null/);
  });

  it('a route can set its own policy (the site\'s pages), and pages with their own headers keep them', async () => {
    const page = await t.app.inject('/test/page');
    expect(page.headers['content-security-policy']).toBe("default-src 'self';script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // The route's policy is its own; the API's is unchanged beside it, request after request.
    expect((await t.app.inject('/health')).headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect((await t.app.inject('/test/page')).headers['content-security-policy']).toBe("default-src 'self';script-src 'self'");
    const bare = await t.app.inject('/test/bare');
    expect(bare.body).toBe('bare');
    expect(bare.headers['content-security-policy']).toBeUndefined();
    expect(bare.headers['x-content-type-options']).toBeUndefined();
    const unsubscribe = await t.app.inject('/api/v1/alerts/unsubscribe?token=nope');
    expect(unsubscribe.headers['content-security-policy']).toMatch(/style-src 'unsafe-inline'/);
  });

  it('with an https PUBLIC_URL: HSTS for a year and a Secure session cookie', async () => {
    const app = await appWith({ PUBLIC_URL: 'https://jobs.example.ca' });
    const health = await app.inject('/health');
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const user = await createUserSession(app, 'student');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.user.email, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'pf_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});

describe('CORS', () => {
  const preflight = (app: FastifyInstance, origin: string) =>
    app.inject({ method: 'OPTIONS', url: '/api/v1/jobs', headers: { origin, 'access-control-request-method': 'GET' } });

  it('trusts the local dev site (localhost:3000) only while PUBLIC_URL is local', async () => {
    expect((await preflight(t.app, 'http://localhost:3000')).headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const production = await appWith({ PUBLIC_URL: 'https://jobs.example.ca' });
    expect((await preflight(production, 'http://localhost:3000')).headers['access-control-allow-origin']).toBeUndefined();
    const own = await preflight(production, 'https://jobs.example.ca');
    expect(own.headers['access-control-allow-origin']).toBe('https://jobs.example.ca');
    expect(own.headers['access-control-allow-credentials']).toBe('true');
  });

  it('CORS_ORIGINS=* answers any origin with the literal wildcard and never with credentials', async () => {
    const open = await appWith({ PUBLIC_URL: 'https://jobs.example.ca', CORS_ORIGINS: '*' });
    for (const res of [await preflight(open, 'https://evil.example'), await open.inject({ url: '/api/v1/jobs', headers: { origin: 'https://evil.example' } })]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});
