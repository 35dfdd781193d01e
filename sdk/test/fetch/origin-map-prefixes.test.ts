import { afterEach, describe, expect, it } from 'vitest';
import { DisallowedError, OriginMap, PoliteFetcher, mirrorOriginMap } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { reply, startServer, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('OriginMap path prefixes', () => {
  const map = new OriginMap({
    'https://site.example/jobs': 'http://127.0.0.1:1234/mirror/jobs',
    'https://site.example': 'http://127.0.0.1:1234/mirror/root/',
  });
  const apply = (u: string) => map.apply(new URL(u)).href;
  const revert = (u: string) => map.revert(new URL(u)).href;

  it('maps a URL under a prefix, keeping the rest of the path and the query', () => {
    expect(apply('https://site.example/jobs/42?x=1')).toBe('http://127.0.0.1:1234/mirror/jobs/42?x=1');
    expect(apply('https://site.example/jobs?page=2')).toBe('http://127.0.0.1:1234/mirror/jobs?page=2');
    expect(apply('https://site.example/jobs/')).toBe('http://127.0.0.1:1234/mirror/jobs/');
  });

  it('matches whole path segments only, and the longest prefix wins', () => {
    expect(apply('https://site.example/jobsearch')).toBe('http://127.0.0.1:1234/mirror/root/jobsearch');
    expect(apply('https://site.example/')).toBe('http://127.0.0.1:1234/mirror/root/');
    expect(apply('https://site.example')).toBe('http://127.0.0.1:1234/mirror/root/');
  });

  it('leaves other origins and schemes alone', () => {
    expect(apply('http://site.example/jobs/1')).toBe('http://site.example/jobs/1');
    expect(apply('https://other.example/jobs/1')).toBe('https://other.example/jobs/1');
    expect(apply('http://127.0.0.1:1234/mirror/jobs/1')).toBe('http://127.0.0.1:1234/mirror/jobs/1');
  });

  it('reverts by the same rules', () => {
    expect(revert('http://127.0.0.1:1234/mirror/jobs/42?x=1')).toBe('https://site.example/jobs/42?x=1');
    expect(revert('http://127.0.0.1:1234/mirror/jobs')).toBe('https://site.example/jobs');
    expect(revert('http://127.0.0.1:1234/mirror/root/about')).toBe('https://site.example/about');
    expect(revert('http://127.0.0.1:1234/elsewhere')).toBe('http://127.0.0.1:1234/elsewhere');
  });

  it('maps a site onto a mirror with its other origins (mirrorOriginMap)', () => {
    expect(mirrorOriginMap({ baseUrl: 'https://www.civicjobs.ca', siteOrigins: ['http://www.civicjobs.ca'] }, 'http://127.0.0.1:4000/')).toEqual({
      'https://www.civicjobs.ca': 'http://127.0.0.1:4000',
      'http://www.civicjobs.ca': 'http://127.0.0.1:4000',
    });
    expect(mirrorOriginMap({ baseUrl: 'https://x.example/board' }, 'http://m/b')).toEqual({ 'https://x.example/board': 'http://m/b' });
    expect(mirrorOriginMap({ baseUrl: 'https://x.example' }, 'https://x.example/')).toEqual({});
  });
});

describe('PoliteFetcher with a path-prefixed mirror', () => {
  it('fetches the real URL from the mirror, reports it back, and matches disallowedPaths on the site\'s path', async () => {
    const s = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 200, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });
      if (req.path === '/mirror/site/old') return reply(res, 302, '', { location: 'https://site.example/new' });
      reply(res, 200, `at ${req.path}`);
    });
    servers.push(s);
    const fetcher = new PoliteFetcher({
      policy: { crawlDelaySeconds: 0, disallowedPaths: ['/admin'] },
      clock: new FakeClock(),
      originMap: { 'https://site.example': `${s.origin}/mirror/site` },
    });
    const res = await fetcher.fetch('https://site.example/jobs?id=1');
    expect(res.text).toBe('at /mirror/site/jobs?id=1');
    expect(res.url).toBe('https://site.example/jobs?id=1');
    // A URL that already names the mirror is reported as asked.
    const direct = await fetcher.fetch(`${s.origin}/mirror/site/jobs?id=2`);
    expect(direct.url).toBe(`${s.origin}/mirror/site/jobs?id=2`);
    // A redirect back onto the real site is followed on the mirror.
    const moved = await fetcher.fetch('https://site.example/old');
    expect(moved.text).toBe('at /mirror/site/new');
    expect(moved.url).toBe('https://site.example/new');
    await expect(fetcher.fetch('https://site.example/admin/x')).rejects.toBeInstanceOf(DisallowedError);
    await expect(fetcher.fetch(`${s.origin}/mirror/site/admin/x`)).rejects.toBeInstanceOf(DisallowedError);
    expect(s.paths()).not.toContain('/mirror/site/admin/x');
  });
});
