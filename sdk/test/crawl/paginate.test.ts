import { afterEach, describe, expect, it } from 'vitest';
import { createCrawlContext, createMemoryLogger, FatalSourceError, paginate, PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { reply, startServer, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Pages `/list?p=N` answering `items a,b` and a `next` link, as the handler says. */
async function site(pages: Record<string, { status?: number; items?: string[]; next?: string }>) {
  const s = await startServer((req, res) => {
    if (req.path === '/robots.txt') return reply(res, 404, '');
    const page = pages[req.path];
    if (!page) return reply(res, 404, 'nope');
    reply(res, page.status ?? 200, JSON.stringify({ items: page.items ?? [], next: page.next }), { 'content-type': 'application/json' });
  });
  servers.push(s);
  const log = createMemoryLogger();
  const fetcher = new PoliteFetcher({ allowedPrivateHosts: ['127.0.0.1'], policy: { crawlDelaySeconds: 1, disallowedPaths: [] }, clock: new FakeClock() });
  const ctx = createCrawlContext({ fetcher, baseUrl: s.origin, config: {}, log });
  const read = (res: { json<T>(): T }) => res.json<{ items: string[]; next?: string }>();
  return { s, ctx, log, read };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginate', () => {
  it('follows next links (relative or absolute) and yields every item in order', async () => {
    const { s, ctx, read } = await site({
      '/list?p=1': { items: ['a', 'b'], next: '/list?p=2' },
      '/list?p=2': { items: ['c'], next: 'list?p=3' },
      '/list?p=3': { items: ['d'] },
    });
    expect(await all(paginate(ctx, '/list?p=1', read))).toEqual(['a', 'b', 'c', 'd']);
    expect(s.paths()).toEqual(['/robots.txt', '/list?p=1', '/list?p=2', '/list?p=3']);
  });

  it('stops on a page already read (a loop, or a last page linking to itself)', async () => {
    const { s, ctx, read } = await site({
      '/list?p=1': { items: ['a'], next: '/list?p=2' },
      '/list?p=2': { items: ['b'], next: '/list?p=1' },
      '/self': { items: ['x'], next: '/self#top' },
    });
    expect(await all(paginate(ctx, '/list?p=1', read))).toEqual(['a', 'b']);
    expect(await all(paginate(ctx, '/self', read))).toEqual(['x']);
    expect(s.paths().filter((p) => p !== '/robots.txt')).toEqual(['/list?p=1', '/list?p=2', '/self']);
  });

  it('reads at most maxPages pages and says so', async () => {
    const pages: Record<string, { items: string[]; next: string }> = {};
    for (let i = 1; i <= 10; i++) pages[`/list?p=${i}`] = { items: [String(i)], next: `/list?p=${i + 1}` };
    const { ctx, log, read } = await site(pages);
    expect(await all(paginate(ctx, '/list?p=1', read, { maxPages: 3 }))).toEqual(['1', '2', '3']);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'Stopped after 3 pages' }));
  });

  it('throws when the first page fails, and ends quietly with what it has when a later one does', async () => {
    const { ctx, log, read } = await site({
      '/gone': { status: 404 },
      '/list?p=1': { items: ['a'], next: '/list?p=2' },
      '/list?p=2': { status: 403 },
    });
    await expect(all(paginate(ctx, '/gone', read))).rejects.toBeInstanceOf(FatalSourceError);
    expect(await all(paginate(ctx, '/list?p=1', read))).toEqual(['a']);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'Page 2 answered HTTP 403; stopping' }));
  });
});
