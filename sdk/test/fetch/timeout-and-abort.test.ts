import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, createCrawlContext, PoliteFetcher, RetryableError } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** robots.txt 404; /slow answers after `ms` real milliseconds; anything else at once. */
async function slowServer(ms: number): Promise<TestServer> {
  server = await startServer((req, res) => {
    if (req.path === '/robots.txt') return reply(res, 404);
    if (req.path.startsWith('/slow')) {
      const t = setTimeout(() => reply(res, 200, 'late'), ms);
      res.on('close', () => clearTimeout(t));
      return;
    }
    reply(res, 200, 'fast');
  });
  return server;
}

describe('timeouts', () => {
  it('times out each attempt, retries, then throws PF_ERR_TIMEOUT', async () => {
    const s = await slowServer(5_000);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock, timeoutMs: 80, maxRetries: 1 });
    const err = await fetcher.fetch(`${s.origin}/slow`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'PF_ERR_TIMEOUT' });
    expect(s.paths().filter((p) => p === '/slow')).toHaveLength(2);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('a per-request timeoutMs overrides the fetcher default', async () => {
    const s = await slowServer(5_000);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), timeoutMs: 30_000, maxRetries: 0 });
    await expect(fetcher.fetch(`${s.origin}/slow`, { timeoutMs: 80 })).rejects.toMatchObject({ code: 'PF_ERR_TIMEOUT' });
  });
});

describe('abort', () => {
  it('an aborted fetcher throws AbortedError without any I/O', async () => {
    const s = await slowServer(0);
    const ac = new AbortController();
    ac.abort();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), signal: ac.signal });
    const err = await fetcher.fetch(`${s.origin}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).toMatchObject({ code: 'PF_ERR_ABORTED' });
    expect(s.requests).toHaveLength(0);
  });

  it('aborting mid-request rejects promptly and is not retried', async () => {
    const s = await slowServer(10_000);
    const ac = new AbortController();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), signal: ac.signal });
    await fetcher.fetch(`${s.origin}/warm`);
    const pending = fetcher.fetch(`${s.origin}/slow`);
    setTimeout(() => ac.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(s.paths().filter((p) => p === '/slow')).toHaveLength(1);
  });

  it('ctx.signal aborts ctx.fetch', async () => {
    const s = await slowServer(10_000);
    const ac = new AbortController();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const ctx = createCrawlContext({ fetcher, baseUrl: s.origin, config: {}, signal: ac.signal });
    const pending = ctx.fetch('/slow');
    setTimeout(() => ac.abort(new Error('admin cancelled')), 50);
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect((err as AbortedError).cause).toBeInstanceOf(Error);
  });

  it('an abort during a crawl-delay wait rejects with AbortedError', async () => {
    const s = await slowServer(0);
    const ac = new AbortController();
    // A clock whose sleeps end only when aborted: proves the wait goes through the Clock and honours the signal.
    let sleeping!: () => void;
    const asleep = new Promise<void>((r) => (sleeping = r));
    const sleepy = {
      now: () => 0,
      sleep: (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((_, reject) => {
          sleeping();
          signal?.addEventListener('abort', () => reject(new AbortedError('aborted')), { once: true });
        }),
    };
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 60, disallowedPaths: [] }, clock: sleepy, signal: ac.signal });
    // robots.txt goes out at once; the page then waits 60 s after it.
    const pending = fetcher.fetch(`${s.origin}/page`);
    await asleep;
    ac.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(s.paths()).toEqual(['/robots.txt']);
  });
});
