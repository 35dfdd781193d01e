import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher, SDK_VERSION, USER_AGENT } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, site, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('User-Agent and headers', () => {
  it('the User-Agent is PathfinderBot/<version> (+url)', () => {
    expect(USER_AGENT).toBe(`PathfinderBot/${SDK_VERSION} (+https://github.com/pathfinder-jobs/pathfinder)`);
    expect(SDK_VERSION).toBe('1.1.0');
  });

  it('is sent on every request, robots.txt included, and cannot be overridden', async () => {
    server = await startServer(site(404));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    await fetcher.fetch(`${server.origin}/a`, { headers: { 'User-Agent': 'Mozilla/5.0 (pretend)' } });
    await fetcher.fetch(`${server.origin}/b`, { method: 'HEAD' });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual([USER_AGENT, USER_AGENT, USER_AGENT]);
  });

  it('sends no generated browser headers', async () => {
    server = await startServer(site(404));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    await fetcher.fetch(`${server.origin}/a`);
    const h = server.requests[1]!.headers;
    expect(Object.keys(h).filter((k) => k.startsWith('sec-'))).toEqual([]);
    expect(h.accept).toContain('text/html');
    expect(h['accept-language']).toContain('en-CA');
  });

  it('a custom userAgent option is used (for the engine), with its product token for robots.txt', async () => {
    server = await startServer(site('User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /x\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), userAgent: 'OtherBot/2.0 (+https://o.example)' });
    expect(await fetcher.isAllowed(`${server.origin}/y`)).toBe(false);
    expect(server.requests[0]!.headers['user-agent']).toBe('OtherBot/2.0 (+https://o.example)');
  });

  it('sends JSON bodies with content-type and custom headers', async () => {
    server = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      reply(res, 200, JSON.stringify({ got: JSON.parse(req.body), ct: req.headers['content-type'], accept: req.headers.accept }), { 'content-type': 'application/json' });
    });
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const res = await fetcher.fetch(`${server.origin}/api/search`, { method: 'POST', json: { page: 0, hitsPerPage: 20 }, headers: { Accept: 'application/json' } });
    expect(res.json()).toEqual({ got: { page: 0, hitsPerPage: 20 }, ct: 'application/json', accept: 'application/json' });
    expect(server.requests[1]!.method).toBe('POST');
  });

  it('HEAD resolves with an empty body', async () => {
    server = await startServer(site(404));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const res = await fetcher.fetch(`${server.origin}/a`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(server.requests[1]!.method).toBe('HEAD');
  });

  it('rejects non-http URLs with PF_ERR_INVALID_URL', async () => {
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    await expect(fetcher.fetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'PF_ERR_INVALID_URL' });
    await expect(fetcher.fetch('not a url')).rejects.toMatchObject({ code: 'PF_ERR_INVALID_URL' });
  });
});
