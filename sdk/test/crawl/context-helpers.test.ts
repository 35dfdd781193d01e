import { afterEach, describe, expect, it } from 'vitest';
import { createCrawlContext, InMemoryCrawlMemory, PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { reply, startServer, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const DAY = 86_400_000;

async function setup(memory?: InMemoryCrawlMemory) {
  const s = await startServer((req, res) => {
    if (req.path === '/robots.txt') return reply(res, 200, 'User-agent: *\nDisallow: /private\n', { 'content-type': 'text/plain' });
    if (req.path === '/gone') return reply(res, 410, 'gone');
    if (req.path === '/missing') return reply(res, 404, 'missing');
    if (req.path === '/forbidden') return reply(res, 403, 'no');
    if (req.path === '/job') {
      if (req.headers['if-none-match'] === '"v1"') return reply(res, 304, '');
      return reply(res, 200, 'job v1', { etag: '"v1"', 'last-modified': 'Fri, 20 Nov 2026 10:00:00 GMT' });
    }
    reply(res, 200, `at ${req.path}`);
  });
  servers.push(s);
  const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
  const fetcher = new PoliteFetcher({ allowedPrivateHosts: ['127.0.0.1'], policy: { crawlDelaySeconds: 0, disallowedPaths: ['/admin'] }, clock });
  const ctx = createCrawlContext({ fetcher, baseUrl: s.origin, config: {}, clock, memory });
  return { s, ctx, clock };
}

describe('ctx.once', () => {
  it('is true the first time a key is seen in the run only', async () => {
    const { ctx } = await setup();
    expect([ctx.once('a'), ctx.once('b'), ctx.once('a'), ctx.once('b'), ctx.once('c')]).toEqual([true, true, false, false, true]);
  });
});

describe('ctx.fetchOptional', () => {
  it('gives undefined for 404, 410 and refused URLs (nothing sent), the response otherwise', async () => {
    const { s, ctx } = await setup();
    expect(await ctx.fetchOptional('/missing')).toBeUndefined();
    expect(await ctx.fetchOptional('/gone')).toBeUndefined();
    expect(await ctx.fetchOptional('/private/x')).toBeUndefined();
    expect(await ctx.fetchOptional('/admin')).toBeUndefined();
    expect((await ctx.fetchOptional('/forbidden'))?.status).toBe(403);
    expect((await ctx.fetchOptional('/ok'))?.text).toBe('at /ok');
    expect(s.paths()).not.toContain('/private/x');
    expect(s.paths()).not.toContain('/admin');
  });
});

describe('conditional fetches', () => {
  it('sends the stored validators, resolves a 304 as notModified, and records fresh validators', async () => {
    const memory = new InMemoryCrawlMemory();
    const { s, ctx } = await setup(memory);
    const first = await ctx.fetch('/job', { conditional: true });
    expect(first).toMatchObject({ status: 200, notModified: false, text: 'job v1' });
    expect(memory.recorded.get(`${s.origin}/job`)).toEqual({ etag: '"v1"', lastModified: 'Fri, 20 Nov 2026 10:00:00 GMT' });

    const next = new InMemoryCrawlMemory({ validators: Object.fromEntries(memory.recorded) });
    const again = await setup(next);
    // The stored validators are keyed by URL: this server's own.
    const stored = { [`${again.s.origin}/job`]: memory.recorded.get(`${s.origin}/job`)! };
    const ctx2 = createCrawlContext({
      fetcher: new PoliteFetcher({ allowedPrivateHosts: ['127.0.0.1'], policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: again.clock }),
      baseUrl: again.s.origin, config: {}, clock: again.clock, memory: new InMemoryCrawlMemory({ validators: stored }),
    });
    const res = await ctx2.fetch('/job', { conditional: true });
    expect(res).toMatchObject({ status: 304, notModified: true, ok: false });
    const sent = again.s.requests.find((r) => r.path === '/job')!;
    expect(sent.headers['if-none-match']).toBe('"v1"');
    expect(sent.headers['if-modified-since']).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
  });

  it('sends no validators without `conditional`, and records none', async () => {
    const memory = new InMemoryCrawlMemory({ validators: {} });
    const { s, ctx } = await setup(memory);
    await ctx.fetch('/job');
    expect(s.requests.find((r) => r.path === '/job')!.headers['if-none-match']).toBeUndefined();
    expect(memory.recorded.size).toBe(0);
  });
});

describe('ctx.known, ctx.stillListed, ctx.isFresh', () => {
  const readAt = new Date('2026-11-20T12:00:00Z');
  const memory = () => new InMemoryCrawlMemory({
    known: {
      fresh: { contentHash: 'h1', lastSeenAt: readAt, detailFetchedAt: readAt },
      old: { contentHash: 'h2', lastSeenAt: readAt, detailFetchedAt: new Date(readAt.getTime() - 8 * DAY) },
      legacy: { contentHash: 'h3', lastSeenAt: readAt },
    },
  });

  it('answers what the engine stored, and records still-listed postings it knows', async () => {
    const m = memory();
    const { ctx } = await setup(m);
    expect(ctx.known('fresh')).toEqual({ contentHash: 'h1', lastSeenAt: readAt, detailFetchedAt: readAt });
    expect(ctx.known('nope')).toBeUndefined();
    expect(ctx.stillListed('fresh')).toBe(true);
    expect(ctx.stillListed('nope')).toBe(false);
    expect(ctx.stillListed('fresh')).toBe(true);
    expect(m.stillListedIds).toEqual(['fresh']);
  });

  it('is fresh within the max age and when the listing\'s change date is not later than the read', async () => {
    const { ctx } = await setup(memory());
    expect(ctx.isFresh('fresh')).toBe(true);
    expect(ctx.isFresh('fresh', 'Thu, 19 Nov 2026 09:15:00 -0800')).toBe(true);
    expect(ctx.isFresh('fresh', new Date('2026-11-20T12:00:00Z'))).toBe(true);
    expect(ctx.isFresh('fresh', '2026-11-21T08:00:00Z')).toBe(false); // changed since the read
    expect(ctx.isFresh('fresh', 'sometime soon')).toBe(false); // unreadable counts as changed
    expect(ctx.isFresh('old')).toBe(false); // read 9 days ago: past the default 7
    expect(ctx.isFresh('legacy')).toBe(false); // never read in full under SDK 1.1
    expect(ctx.isFresh('nope')).toBe(false);
  });

  it('knows nothing without a memory', async () => {
    const { ctx } = await setup();
    expect(ctx.known('fresh')).toBeUndefined();
    expect(ctx.stillListed('fresh')).toBe(false);
    expect(ctx.isFresh('fresh')).toBe(false);
  });
});

describe('the test kit\'s memory between runs (runSource previous)', () => {
  it('confirmed still-listed postings count as read by the later run', async () => {
    const m = new InMemoryCrawlMemory({ known: { a: { contentHash: 'h', lastSeenAt: new Date(0), detailFetchedAt: new Date(0) } } });
    expect(m.stillListed('a', { confirmed: true })).toBe(true);
    expect([...m.confirmedIds]).toEqual(['a']);
    expect(m.stillListed('b', { confirmed: true })).toBe(false);
    expect(m.confirmedIds.has('b')).toBe(false);
  });
});
