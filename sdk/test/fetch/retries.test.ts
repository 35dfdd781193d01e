import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher, RetryableError } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, startServer, type SeenRequest, type TestServer } from '../support/http-server.js';
import type { ServerResponse } from 'node:http';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** robots.txt 404; the page answers with the scripted responses in turn (the last one repeats). */
async function scripted(...steps: ((res: ServerResponse, req: SeenRequest) => void)[]): Promise<TestServer> {
  let n = 0;
  server = await startServer((req, res) => {
    if (req.path === '/robots.txt') return reply(res, 404);
    const step = steps[Math.min(n++, steps.length - 1)]!;
    step(res, req);
  });
  return server;
}
const status = (code: number, headers: Record<string, string> = {}) => (res: ServerResponse) => reply(res, code, `status ${code}`, headers);

describe('retries', () => {
  it('retries 5xx with exponential backoff and succeeds', async () => {
    const s = await scripted(status(500), status(502), status(200));
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock });
    const res = await fetcher.fetch(`${s.origin}/job`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('status 200');
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(fetcher.requests.filter((r) => r.kind === 'page').map((r) => [r.attempt, r.status])).toEqual([[1, 500], [2, 502], [3, 200]]);
  });

  it('gives up after maxRetries with a RetryableError naming the status', async () => {
    const s = await scripted(status(503));
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock, maxRetries: 3 });
    const err = await fetcher.fetch(`${s.origin}/job`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'PF_ERR_HTTP_STATUS', status: 503 });
    expect((err as Error).message).toContain('after 4 attempts');
    expect(s.paths().filter((p) => p === '/job')).toHaveLength(4);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
  });

  it('honours Retry-After in seconds on 503, never below the crawl delay', async () => {
    const s = await scripted(status(503, { 'retry-after': '30' }), status(200));
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${s.origin}/job`);
    const [first, second] = fetcher.requests.filter((r) => r.kind === 'page');
    expect(second!.startedAt - first!.endedAt).toBe(30_000);

    const s2 = await scripted(status(429, { 'retry-after': '1' }), status(200));
    const f2 = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock });
    await f2.fetch(`${s2.origin}/job`);
    const pages = f2.requests.filter((r) => r.kind === 'page');
    expect(pages[1]!.startedAt - pages[0]!.endedAt).toBe(5_000);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    const clock = new FakeClock(Date.parse('2026-11-20T12:00:00Z'));
    const s = await scripted(status(429, { 'retry-after': 'Fri, 20 Nov 2026 12:02:00 GMT' }), status(200));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${s.origin}/job`);
    const [, second] = fetcher.requests.filter((r) => r.kind === 'page');
    expect(second!.startedAt).toBe(Date.parse('2026-11-20T12:02:00Z'));
  });

  it('a Retry-After beyond maxRetryAfterMs fails at once, telling the engine how long', async () => {
    const s = await scripted(status(503, { 'retry-after': '7200' }));
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock });
    const err = await fetcher.fetch(`${s.origin}/job`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PF_ERR_HTTP_STATUS', status: 503, retryAfterMs: 7_200_000 });
    expect(s.paths().filter((p) => p === '/job')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries network errors, then throws PF_ERR_NETWORK', async () => {
    const s = await scripted((res) => res.socket?.destroy());
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock, maxRetries: 2 });
    const err = await fetcher.fetch(`${s.origin}/job`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'PF_ERR_NETWORK' });
    expect(s.paths().filter((p) => p === '/job')).toHaveLength(3);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(fetcher.requests.filter((r) => r.kind === 'page').every((r) => r.error !== undefined)).toBe(true);
  });

  it('recovers from a network error', async () => {
    const s = await scripted((res) => res.socket?.destroy(), status(200));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    expect((await fetcher.fetch(`${s.origin}/job`)).status).toBe(200);
  });

  it('does not retry 4xx: it resolves', async () => {
    const s = await scripted(status(404));
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const res = await fetcher.fetch(`${s.origin}/gone`);
    expect(res).toMatchObject({ status: 404, ok: false });
    expect(s.paths()).toEqual(['/robots.txt', '/gone']);
  });
});
