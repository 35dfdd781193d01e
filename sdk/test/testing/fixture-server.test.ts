import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '../../src/testing/index.js';

const dir = fileURLToPath(new URL('../fixtures/example-board', import.meta.url));
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(path: string, init?: RequestInit): Promise<{ status: number; text: string; type: string | null; location: string | null }> {
  const res = await fetch(`${server!.origin}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type'), location: res.headers.get('location') };
}

describe('serveFixtures', () => {
  it('serves routes.json mappings with content types and {{origin}} substituted', async () => {
    server = await serveFixtures(dir);
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const feed = await get('/feed');
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('application/xml');
    expect(feed.text).toContain(`<link>${server.origin}/job?id=1</link>`);
    expect(feed.text).not.toContain('{{origin}}');
  });

  it('matches on query parameters', async () => {
    server = await serveFixtures(dir);
    expect((await get('/job?id=1')).text).toContain('Junior Data Analyst');
    expect((await get('/job?utm=x&id=2')).text).toContain('Summer Co-op Student');
    expect((await get('/job?id=3')).status).toBe(404);
  });

  it('matches POST routes on method, path and a JSON body subset', async () => {
    server = await serveFixtures(dir);
    const post = (body: unknown) => get('/api/search', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(JSON.parse((await post({ page: 0, hitsPerPage: 20 })).text).results.jobs).toHaveLength(2);
    expect(JSON.parse((await post({ hitsPerPage: 20, page: 1 })).text).results.jobs[0].id).toBe(103);
    // The catch-all POST route (no body constraint) answers any other page.
    expect(JSON.parse((await post({ page: 7 })).text).results.jobs).toEqual([]);
    // GET does not match POST routes: falls back to files, none -> 404.
    expect((await get('/api/search')).status).toBe(404);
  });

  it('serves status and headers from a route (redirects)', async () => {
    server = await serveFixtures(dir);
    const r = await get('/old-feed');
    expect(r.status).toBe(301);
    expect(r.location).toBe(`${server.origin}/feed`);
  });

  it('falls back to files by path, index.html for folders, else 404', async () => {
    server = await serveFixtures(dir);
    expect((await get('/robots.txt')).text).toContain('Disallow: /admin');
    expect((await get('/')).text).toContain(`href="${server.origin}/feed"`);
    expect((await get('/nested/')).text).toBe(`<p>nested page at ${server.origin}</p>\n`);
    expect((await get('/nested/page.txt')).text).toBe('plain\n');
    expect((await get('/missing.html')).status).toBe(404);
    expect((await get('/../../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('takes routes from options, answers 500 for a missing file, and records every request', async () => {
    server = await serveFixtures(dir, { routes: [{ path: '/x', file: 'nope.html' }, { path: '/inline', text: '{"a":1}', contentType: 'application/json', status: 201 }] });
    expect((await get('/x')).status).toBe(500);
    expect(await get('/inline')).toMatchObject({ status: 201, text: '{"a":1}' });
    // routes.json is ignored when routes are given: /feed falls back to files (none named "feed").
    expect((await get('/feed')).status).toBe(404);
    await get('/inline?q=1', { method: 'HEAD' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /x', 'GET /inline', 'GET /feed', 'HEAD /inline?q=1']);
    expect(typeof server.requests[0]!.at).toBe('number');
  });

  it('serves an empty folder as 404s (robots.txt absent => 404)', async () => {
    server = await serveFixtures(fileURLToPath(new URL('../fixtures/example-board/nested', import.meta.url)));
    expect((await get('/robots.txt')).status).toBe(404);
  });
});
