import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisallowedError, PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { GOOGLE_CASES, type RobotsCase } from './robots-cases/google-cases.js';

// Google's robots.txt test suite, run through the public fetcher against a real server: a disallowed
// URL must be refused with DisallowedError and never reach the server; an allowed one must be requested.
// One server serves every case; each case gets a fresh fetcher (robots.txt is read once per fetcher).

let server: TestServer;
let robots: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  server = await startServer(
    (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.path === '/robots.txt' ? robots : 'page');
    },
    // GoogleOnly_LineTooLong requests URLs of 16.7 kB, longer than Node's default header limit.
    { maxHeaderSize: 64 * 1024 },
  );
});
afterAll(async () => {
  await server.close();
});

function bodyOf(c: RobotsCase): Buffer {
  return Buffer.concat([Buffer.from(c.prefixHex ?? '', 'hex'), Buffer.from(c.robots, 'utf8')]);
}

function title(c: RobotsCase, i: number): string {
  const url = c.url.length > 80 ? `${c.url.slice(0, 60)}…(${c.url.length} chars)` : c.url || '(empty)';
  const expected = c.sdk?.allowed ?? c.allowed;
  return `#${i} ${c.source} [${c.kind}] ${c.agent || '(no agent)'} ${url} → ${expected ? 'allowed' : 'disallowed'}`;
}

describe("Google's robots.txt cases through PoliteFetcher", () => {
  it('cover both RFC and Google-specific behaviour', () => {
    expect(GOOGLE_CASES.filter((c) => c.kind === 'rfc').length).toBeGreaterThan(50);
    expect(GOOGLE_CASES.filter((c) => c.kind === 'google').length).toBeGreaterThan(50);
    // Every deviation from Google's answer says why.
    for (const c of GOOGLE_CASES.filter((x) => x.sdk)) expect(c.sdk!.why.length).toBeGreaterThan(40);
  });

  it.each(GOOGLE_CASES.map((c, i) => [title(c, i), c] as const))('%s', async (_, c) => {
    robots = bodyOf(c);
    const before = server.requests.length;
    const fetcher = new PoliteFetcher({
      policy: { crawlDelaySeconds: 0, disallowedPaths: [] },
      clock: new FakeClock(),
      // The fetcher's product token is its User-Agent up to the first '/': here, the case's agent.
      userAgent: `${c.agent}/1.0 (+https://pathfinder.test/bot)`,
      originMap: { 'http://foo.bar': server.origin, 'http://foo.com': server.origin, 'http://example.com': server.origin },
      maxRetries: 0,
    });
    // An empty URL is the site's root, as Google's GetPathParamsQuery("") reads it.
    const target = c.url === '' ? 'http://foo.bar/' : c.url;
    const seen = (): string[] => server.paths().slice(before);

    if (c.sdk?.allowed ?? c.allowed) {
      const res = await fetcher.fetch(target);
      expect(res.status).toBe(200);
      const sent = new URL(target);
      expect(seen()).toEqual(['/robots.txt', `${sent.pathname}${sent.search}`]);
    } else {
      const err = await fetcher.fetch(target).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DisallowedError);
      expect((err as DisallowedError).reason).toBe('robots');
      expect(seen()).toEqual(['/robots.txt']);
    }
  });
});
