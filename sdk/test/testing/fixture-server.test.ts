import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pickRoute, serveFixtures, type FixtureRoute, type FixtureServer } from '../../src/testing/index.js';

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

describe('routes requiring request headers', () => {
  // Like Getro's search API: JSON only with `Accept: application/json`, else 406. The strict routes
  // beat the fallback whatever the order (a header constraint makes a route more specific).
  const routes: FixtureRoute[] = [
    { method: 'POST', path: '/api/search', status: 406, text: 'Not Acceptable' },
    { method: 'POST', path: '/api/search', requestHeaders: { Accept: 'application/json' }, body: { page: 0 }, text: '{"page":0}', contentType: 'application/json' },
    { method: 'POST', path: '/api/search', requestHeaders: { Accept: 'application/json' }, status: 422, text: '{"error":"no such page"}', contentType: 'application/json' },
  ];
  const post = (page: number, headers: Record<string, string>) =>
    get('/api/search', { method: 'POST', body: JSON.stringify({ page }), headers: { 'content-type': 'application/json', ...headers } });

  it('matches only when the request carries the headers (names case-insensitive), else falls back', async () => {
    server = await serveFixtures(dir, { routes });
    expect(await post(0, { accept: 'application/json' })).toMatchObject({ status: 200, text: '{"page":0}' });
    expect(await post(0, { ACCEPT: 'Application/JSON' })).toMatchObject({ status: 200 });
    // One item of a list matches (parameters ignored).
    expect(await post(0, { accept: 'text/plain;q=0.5, application/json;q=0.9' })).toMatchObject({ status: 200 });
    expect(await post(5, { accept: 'application/json' })).toMatchObject({ status: 422 });
    expect(await post(0, { accept: 'text/html' })).toMatchObject({ status: 406, text: 'Not Acceptable' });
    expect(await post(0, { accept: 'application/json-seq' })).toMatchObject({ status: 406 });
    expect(await post(0, {})).toMatchObject({ status: 406 });
    // Recorded with the headers it carried.
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('pickRoute takes the request headers (lower-case names, as Node gives them)', () => {
    const url = new URL('http://x/api/search');
    const body = '{"page":0}';
    expect(pickRoute(routes, 'POST', url, body, { accept: 'application/json' })).toBe(routes[1]);
    expect(pickRoute(routes, 'POST', url, body, {})).toBe(routes[0]);
    expect(pickRoute(routes, 'POST', url, body)).toBe(routes[0]);
  });
});
