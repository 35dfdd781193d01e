import { afterEach, describe, expect, it } from 'vitest';
import { DisallowedError, findMatchingRule, matchesPathRule, PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, site, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('manifest disallowedPaths', () => {
  it('refuses before any network I/O, not even robots.txt', async () => {
    server = await startServer(site('User-agent: *\nAllow: /\n'));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: ['/admin', '/*.pdf$'] }, clock: new FakeClock() });
    const err = await fetcher.fetch(`${server.origin}/admin/users`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DisallowedError);
    expect(err).toMatchObject({ code: 'PF_ERR_DISALLOWED_PATH', reason: 'manifest' });
    expect((err as Error).message).toBe(`Disallowed by the manifest's disallowedPaths (rule "/admin"): ${server.origin}/admin/users`);
    await expect(fetcher.fetch(`${server.origin}/files/job.pdf`)).rejects.toBeInstanceOf(DisallowedError);
    expect(server.requests).toHaveLength(0);
    expect(fetcher.requests).toHaveLength(0);
    expect(await fetcher.isAllowed(`${server.origin}/admin`)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('lets other paths through', async () => {
    server = await startServer(site(404));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: ['/admin'] }, clock: new FakeClock() });
    await fetcher.fetch(`${server.origin}/administrators-guide`.replace('administrators-guide', 'jobs'));
    await fetcher.fetch(`${server.origin}/files/job.pdf?download=1`);
    expect(server.paths()).toEqual(['/robots.txt', '/jobs', '/files/job.pdf?download=1']);
  });

  it('takes a per-host policy function', async () => {
    server = await startServer(site(404));
    const seen: string[] = [];
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL,
      policy: (host) => {
        seen.push(host);
        return { crawlDelaySeconds: 0, disallowedPaths: ['/x'] };
      },
      clock: new FakeClock(),
    });
    await expect(fetcher.fetch(`${server.origin}/x`)).rejects.toBeInstanceOf(DisallowedError);
    expect(seen).toContain(server.host);
  });
});

describe('matchesPathRule', () => {
  it.each([
    ['/admin', '/admin', true],
    ['/admin/users', '/admin', true],
    ['/administrator', '/admin', true],
    ['/jobs', '/admin', false],
    ['/files/a.pdf', '/*.pdf$', true],
    ['/files/a.pdf?x=1', '/*.pdf$', false],
    ['/jobs?print=1', '*?print=', true],
    ['/jobs/list', '/jobs/list$', true],
    ['/jobs/list/2', '/jobs/list$', false],
    ['/café/menu', '/caf%C3%A9', true],
    ['/caf%C3%A9/menu', '/café', true],
    ['/a.b', '/a.b', true],
    ['/axb', '/a.b', false],
    ['/x', '', false],
  ])('%s vs %s -> %s', (path, rule, expected) => {
    expect(matchesPathRule(path, rule)).toBe(expected);
  });

  it('findMatchingRule names the rule', () => {
    expect(findMatchingRule('https://x.ca/admin/1', ['/jobs', '/admin'])).toBe('/admin');
    expect(findMatchingRule('https://x.ca/ok', ['/jobs', '/admin'])).toBeUndefined();
  });
});
