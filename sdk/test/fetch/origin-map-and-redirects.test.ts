import { afterEach, describe, expect, it } from 'vitest';
import { DisallowedError, PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, startServer, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('originMap', () => {
  it('rewrites requests to the mapped origin, applies politeness there, and reports URLs in the caller\'s space', async () => {
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 200, 'User-agent: *\nDisallow: /private\nCrawl-delay: 7\n', { 'content-type': 'text/plain' });
      if (req.path === '/moved') return reply(res, 302, '', { location: 'https://api.getro.com/api/v2/final' });
      reply(res, 200, `{"path":"${req.path}"}`, { 'content-type': 'application/json' });
    });
    servers.push(s);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock, originMap: { 'https://api.getro.com': s.origin } });
    const res = await fetcher.fetch('https://api.getro.com/api/v2/collections/383/search/jobs?x=1');
    expect(res.json()).toEqual({ path: '/api/v2/collections/383/search/jobs?x=1' });
    expect(res.url).toBe('https://api.getro.com/api/v2/collections/383/search/jobs?x=1');
    expect(fetcher.requests[0]!.url).toBe(`${s.origin}/robots.txt`);
    expect(fetcher.requests.every((r) => r.host === s.host)).toBe(true);
    // The mapped host's robots.txt rules and Crawl-delay apply.
    await expect(fetcher.fetch('https://api.getro.com/private/x')).rejects.toBeInstanceOf(DisallowedError);
    // A redirect to the original origin is mapped too.
    const moved = await fetcher.fetch('https://api.getro.com/moved');
    expect(moved.url).toBe('https://api.getro.com/api/v2/final');
    const pages = fetcher.requests.filter((r) => r.kind === 'page');
    for (let i = 1; i < pages.length; i++) expect(pages[i]!.startedAt - pages[i - 1]!.endedAt).toBeGreaterThanOrEqual(7_000);
  });
});

describe('redirects', () => {
  it('follows redirects, checking and spacing every hop', async () => {
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 200, 'User-agent: *\nDisallow: /secret\n', { 'content-type': 'text/plain' });
      if (req.path === '/a') return reply(res, 301, '', { location: '/b' });
      if (req.path === '/b') return reply(res, 302, '', { location: `${s.origin}/c?x=1` });
      if (req.path === '/to-secret') return reply(res, 302, '', { location: '/secret/page' });
      reply(res, 200, `at ${req.path}`);
    });
    servers.push(s);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 3, disallowedPaths: ['/blocked'] }, clock });
    const res = await fetcher.fetch(`${s.origin}/a`);
    expect(res.url).toBe(`${s.origin}/c?x=1`);
    expect(res.text).toBe('at /c?x=1');
    expect(s.paths()).toEqual(['/robots.txt', '/a', '/b', '/c?x=1']);
    const recs = fetcher.requests;
    for (let i = 1; i < recs.length; i++) expect(recs[i]!.startedAt - recs[i - 1]!.endedAt).toBe(3_000);

    // A hop into a robots-disallowed path is refused before it is requested.
    await expect(fetcher.fetch(`${s.origin}/to-secret`)).rejects.toBeInstanceOf(DisallowedError);
    expect(s.paths()).not.toContain('/secret/page');
  });

  it('refuses a redirect into a manifest-disallowed path', async () => {
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      if (req.path === '/go') return reply(res, 307, '', { location: '/blocked/x' });
      reply(res, 200, 'x');
    });
    servers.push(s);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: ['/blocked'] }, clock: new FakeClock() });
    await expect(fetcher.fetch(`${s.origin}/go`)).rejects.toMatchObject({ reason: 'manifest' });
    expect(s.paths()).toEqual(['/robots.txt', '/go']);
  });

  it('checks a cross-host redirect against the other host\'s robots.txt', async () => {
    const other = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 200, 'User-agent: *\nDisallow: /\n', { 'content-type': 'text/plain' });
      reply(res, 200, 'other');
    });
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      reply(res, 302, '', { location: `${other.origin}/job` });
    });
    servers.push(s, other);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    await expect(fetcher.fetch(`${s.origin}/x`)).rejects.toMatchObject({ reason: 'robots' });
    expect(other.paths()).toEqual(['/robots.txt']);
  });

  it('turns a 303 after POST into a GET without body', async () => {
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      if (req.path === '/submit') return reply(res, 303, '', { location: '/result' });
      reply(res, 200, `${req.method} ${req.body}`);
    });
    servers.push(s);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const res = await fetcher.fetch(`${s.origin}/submit`, { method: 'POST', json: { a: 1 } });
    expect(res.text).toBe('GET ');
  });

  it('stops after 5 redirects with PF_ERR_TOO_MANY_REDIRECTS', async () => {
    let n = 0;
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      reply(res, 302, '', { location: `/hop${++n}` });
    });
    servers.push(s);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    await expect(fetcher.fetch(`${s.origin}/start`)).rejects.toMatchObject({ code: 'PF_ERR_TOO_MANY_REDIRECTS' });
    expect(s.paths().filter((p) => p !== '/robots.txt')).toHaveLength(6);
  });
});
