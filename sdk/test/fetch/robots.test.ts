import { afterEach, describe, expect, it } from 'vitest';
import { DisallowedError, PoliteFetcher, RetryableError, USER_AGENT } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, site, startServer, type TestServer } from '../support/http-server.js';

const policy = { crawlDelaySeconds: 0, disallowedPaths: [] };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('robots.txt', () => {
  it('is fetched once per host per fetcher, first, with our User-Agent', async () => {
    server = await startServer(site('User-agent: *\nDisallow: /private\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await fetcher.fetch(`${server.origin}/a`);
    await fetcher.fetch(`${server.origin}/b`);
    expect(server.paths()).toEqual(['/robots.txt', '/a', '/b']);
    expect(server.requests[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect(fetcher.requests.map((r) => r.kind)).toEqual(['robots', 'page', 'page']);

    // A new fetcher (a new run) reads it again.
    await new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() }).fetch(`${server.origin}/c`);
    expect(server.paths()).toEqual(['/robots.txt', '/a', '/b', '/robots.txt', '/c']);
  });

  it('is fetched once even for concurrent first requests', async () => {
    server = await startServer(site('User-agent: *\nAllow: /\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await Promise.all(['/1', '/2', '/3'].map((p) => fetcher.fetch(`${server!.origin}${p}`)));
    expect(server.paths().filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(server.paths()[0]).toBe('/robots.txt');
  });

  it('disallowed by robots.txt -> DisallowedError before any request for the page', async () => {
    server = await startServer(site('User-agent: *\nDisallow: /private\nAllow: /private/ok\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    const err = await fetcher.fetch(`${server.origin}/private/secret`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DisallowedError);
    expect((err as DisallowedError).code).toBe('PF_ERR_DISALLOWED_PATH');
    expect((err as DisallowedError).reason).toBe('robots');
    expect((err as DisallowedError).message).toContain('robots.txt');
    expect((err as DisallowedError).message).toContain('/private/secret');
    expect(server.paths()).toEqual(['/robots.txt']);
    // The longest match wins (RFC 9309): Allow /private/ok beats Disallow /private.
    await fetcher.fetch(`${server.origin}/private/ok`);
    expect(server.paths()).toEqual(['/robots.txt', '/private/ok']);
  });

  it('obeys the group naming our product token over the * group', async () => {
    server = await startServer(site('User-agent: *\nDisallow: /\n\nUser-agent: PathfinderBot\nDisallow: /admin\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await fetcher.fetch(`${server.origin}/jobs`);
    await expect(fetcher.fetch(`${server.origin}/admin/x`)).rejects.toBeInstanceOf(DisallowedError);
    expect(await fetcher.isAllowed(`${server.origin}/jobs?page=2`)).toBe(true);
    expect(await fetcher.isAllowed(`${server.origin}/admin`)).toBe(false);
    expect(server.paths()).toEqual(['/robots.txt', '/jobs']);
  });

  // Issue 12: robots-parser 3.0.1 fetched both of these.
  it('a Sitemap line between two user-agent lines does not end our group', async () => {
    server = await startServer(site('User-agent: PathfinderBot\nSitemap: https://example.com/sitemap.xml\nUser-agent: OtherBot\nDisallow: /\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await expect(fetcher.fetch(`${server.origin}/jobs`)).rejects.toBeInstanceOf(DisallowedError);
    expect(server.paths()).toEqual(['/robots.txt']);
  });

  it('rules holding [ ] or | refuse the URLs they name', async () => {
    server = await startServer(site('User-agent: *\nDisallow: /search[all]\nDisallow: /a|b\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await expect(fetcher.fetch(`${server.origin}/search[all]?q=x`)).rejects.toBeInstanceOf(DisallowedError);
    await expect(fetcher.fetch(`${server.origin}/search%5Ball%5D`)).rejects.toBeInstanceOf(DisallowedError);
    await expect(fetcher.fetch(`${server.origin}/a|b`)).rejects.toBeInstanceOf(DisallowedError);
    await fetcher.fetch(`${server.origin}/search`);
    expect(server.paths()).toEqual(['/robots.txt', '/search']);
  });

  it('a "User-agent: PathfinderBot <junk>" line and a colon-less "disallow /" still bind us', async () => {
    server = await startServer(site('User-agent: PathfinderBot (the job crawler)\ndisallow /\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await expect(fetcher.fetch(`${server.origin}/jobs`)).rejects.toBeInstanceOf(DisallowedError);
    expect(server.paths()).toEqual(['/robots.txt']);
  });

  it.each([404, 403, 410])('a %i robots.txt allows everything', async (status) => {
    server = await startServer(site(status));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    const res = await fetcher.fetch(`${server.origin}/anything`);
    expect(res.status).toBe(200);
    expect(server.paths()).toEqual(['/robots.txt', '/anything']);
  });

  it.each([500, 503, 429])('a %i robots.txt disallows everything with a RetryableError', async (status) => {
    server = await startServer(site(status));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    const err = await fetcher.fetch(`${server.origin}/jobs`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).code).toBe('PF_ERR_ROBOTS_UNAVAILABLE');
    // Not retried within the run, and the page is never requested.
    await expect(fetcher.fetch(`${server.origin}/other`)).rejects.toMatchObject({ code: 'PF_ERR_ROBOTS_UNAVAILABLE' });
    expect(server.paths()).toEqual(['/robots.txt']);
    expect(await fetcher.isAllowed(`${server.origin}/x`)).toBe(false);
  });

  it('a robots.txt that times out disallows everything with a RetryableError', async () => {
    server = await startServer((req, res) => {
      if (req.path === '/robots.txt') setTimeout(() => reply(res, 200, ''), 2_000);
      else reply(res, 200, 'page');
    });
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock(), timeoutMs: 100 });
    const err = await fetcher.fetch(`${server.origin}/jobs`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PF_ERR_ROBOTS_UNAVAILABLE' });
    expect((err as Error).message).toMatch(/robots\.txt unreachable/);
    expect(server.paths()).toEqual(['/robots.txt']);
  });

  it('a robots.txt on an unreachable host disallows everything', async () => {
    const probe = await startServer(site(''));
    const dead = probe.origin;
    await probe.close();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock(), maxRetries: 0 });
    await expect(fetcher.fetch(`${dead}/jobs`)).rejects.toMatchObject({ code: 'PF_ERR_ROBOTS_UNAVAILABLE' });
  });

  it('follows robots.txt redirects', async () => {
    server = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 301, '', { location: '/real-robots.txt' });
      if (req.path === '/real-robots.txt') return reply(res, 200, 'User-agent: *\nDisallow: /no\n', { 'content-type': 'text/plain' });
      reply(res, 200, 'ok');
    });
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy, clock: new FakeClock() });
    await expect(fetcher.fetch(`${server.origin}/no`)).rejects.toBeInstanceOf(DisallowedError);
    expect(server.paths()).toEqual(['/robots.txt', '/real-robots.txt']);
  });
});
