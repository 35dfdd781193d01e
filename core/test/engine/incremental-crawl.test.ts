import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSource, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import { FakeClock } from '@pathfinder/sdk/testing';
import { useTestDatabase } from '../../src/testing/index.js';
import { runCrawl } from '../../src/engine/crawl-runner.js';
import type { LoadedPlugin } from '../../src/engine/plugin-registry.js';
import { DataSource, Job, UrlValidator } from '../../src/db/entities/index.js';

const db = useTestDatabase();
const DAY = 86_400_000;

/** A board: `/list` names each job and its last change; `/job/N` is its page with an ETag. */
interface Board { jobs: Map<string, { changed: string; body: string }> }
let board: Board;
let server: Server;
let origin = '';
const hits: { path: string; ifNoneMatch?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, ifNoneMatch: req.headers['if-none-match'] });
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/list') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify([...board.jobs].map(([id, j]) => ({ id, changed: j.changed }))));
    }
    const job = board.jobs.get(path.replace('/job/', ''));
    if (!job) return void res.writeHead(404).end('gone');
    const etag = `"${createHash('sha256').update(job.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'text/plain', etag });
    res.end(job.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const posting = (source: string, id: string, body: string, ctx: CrawlContext): JobPosting => ({
  // The source's id in the title: the same job at two sources would be one job (the dedupe hash).
  title: `Software Developer Co-op ${id} (${source})`, companyName: 'Maple Robotics', externalId: id,
  originalUrl: `${ctx.baseUrl}/job/${id}`, description: body, city: 'Waterloo', province: 'ON',
});

/**
 * The two ways a plugin skips a detail page: the listing's change date (`isFresh`), or a
 * conditional fetch answered 304. `mode` picks one.
 */
function plugin(id: string, mode: 'dates' | 'validators', maxDetailAgeDays?: number): LoadedPlugin {
  const definition = defineSource({
    id, name: id, version: '1.0.0', sdk: '^1.1.0', baseUrl: 'https://board.example.ca', crawlDelaySeconds: 0, schedule: '0 * * * *',
    ...(maxDetailAgeDays ? { maxDetailAgeDays } : {}),
    async *crawl(ctx) {
      const list = (await ctx.fetch('/list')).json<{ id: string; changed: string }[]>();
      for (const item of list) {
        if (mode === 'dates' && ctx.isFresh(item.id, item.changed) && ctx.stillListed(item.id)) continue;
        let res = await ctx.fetch(`/job/${item.id}`, { conditional: mode === 'validators' });
        if (res.notModified) {
          if (ctx.stillListed(item.id, { confirmed: true })) continue;
          res = await ctx.fetch(`/job/${item.id}`);
        }
        yield posting(id, item.id, res.text, ctx);
      }
    },
  });
  return { id, definition, package: { packageName: `@test/${id}`, packageVersion: '1.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' } };
}

function reset(n: number) {
  board = { jobs: new Map() };
  for (let i = 1; i <= n; i++) board.jobs.set(String(i), { changed: '2026-11-20T10:00:00Z', body: `Work term ${i} building robots.` });
}

const pages = (from: number) => hits.slice(from).map((h) => h.path).filter((p) => p !== '/robots.txt');

async function jobsOf(pluginId: string) {
  const em = db.orm.em.fork();
  const source = await em.findOneOrFail(DataSource, { pluginId });
  return em.find(Job, { source }, { orderBy: { externalId: 'asc' } });
}

describe('incremental crawling through the listing\'s dates (ctx.known, ctx.isFresh, ctx.stillListed)', () => {
  it('re-reads nothing on an unchanged site, yet counts every posting unchanged and archives none', async () => {
    reset(3);
    const p = plugin('inc-dates', 'dates');
    const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
    const first = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(first.counts).toMatchObject({ found: 3, added: 3 });
    const before = await jobsOf('inc-dates');
    expect(before.every((j) => j.detailFetchedAt?.getTime() === Date.parse('2026-11-21T12:00:00Z'))).toBe(true);

    clock.advance(3_600_000);
    const from = hits.length;
    const second = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(pages(from)).toEqual(['/list']);
    expect(second.status).toBe('success');
    expect(second.counts).toMatchObject({ found: 3, added: 0, updated: 0, unchanged: 3, archived: 0 });
    const after = await jobsOf('inc-dates');
    expect(after.map((j) => j.isActive)).toEqual([true, true, true]);
    // Seen by this run, content (and the time it was read) untouched.
    expect(after.every((j) => j.lastScrapedAt.getTime() === Date.parse('2026-11-21T13:00:00Z'))).toBe(true);
    expect(after.every((j) => j.detailFetchedAt?.getTime() === Date.parse('2026-11-21T12:00:00Z'))).toBe(true);
    expect(after.map((j) => j.updatedAt.getTime())).toEqual(before.map((j) => j.updatedAt.getTime()));
  });

  it('re-reads a posting whose listing date moved, archives one that vanished, and re-reads everything past the max age', async () => {
    reset(3);
    const p = plugin('inc-changes', 'dates', 2);
    const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
    await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });

    clock.advance(3_600_000);
    board.jobs.set('2', { changed: '2026-11-21T12:30:00Z', body: 'Work term 2, now with drones.' });
    board.jobs.delete('3');
    let from = hits.length;
    const changed = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(pages(from)).toEqual(['/list', '/job/2']);
    expect(changed.counts).toMatchObject({ found: 2, updated: 1, unchanged: 1, archived: 1 });
    const jobs = await jobsOf('inc-changes');
    expect(jobs.map((j) => [j.externalId, j.isActive])).toEqual([['1', true], ['2', true], ['3', false]]);
    expect(jobs[1]!.description).toContain('drones');

    // Past two days after the last read (maxDetailAgeDays: 2) the listing's dates no longer vouch for the stored content.
    clock.advance(2 * DAY + 60_000);
    from = hits.length;
    const stale = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(pages(from)).toEqual(['/list', '/job/1', '/job/2']);
    expect(stale.counts).toMatchObject({ found: 2, unchanged: 2, archived: 0 });

    // A job that comes back is known (archived as no longer listed) but must be read again: its
    // listing date is older than the read, yet stillListed revives it only when the plugin says so.
    board.jobs.set('3', { changed: '2026-11-20T10:00:00Z', body: 'Work term 3 building robots.' });
    clock.advance(3_600_000);
    const back = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(back.counts).toMatchObject({ found: 3, unchanged: 3, archived: 0 });
    expect((await jobsOf('inc-changes')).every((j) => j.isActive)).toBe(true);
  });

  it('knows nothing on a dry run', async () => {
    reset(2);
    const p = plugin('inc-dry', 'dates');
    const from = hits.length;
    const run = await runCrawl({ plugin: p, dryRun: true, baseUrl: origin, clock: new FakeClock() });
    expect(run.counts).toMatchObject({ found: 2 });
    expect(pages(from)).toEqual(['/list', '/job/1', '/job/2']);
  });
});

describe('conditional fetches (validators stored per URL)', () => {
  it('sends the stored ETag, leaves a job untouched on 304, re-reads a changed page', async () => {
    reset(2);
    const p = plugin('inc-etag', 'validators');
    const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
    await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    const em = db.orm.em.fork();
    const stored = await em.find(UrlValidator, { source: { pluginId: 'inc-etag' } }, { orderBy: { url: 'asc' } });
    expect(stored.map((v) => v.url)).toEqual([`${origin}/job/1`, `${origin}/job/2`]);
    const before = await jobsOf('inc-etag');

    clock.advance(3_600_000);
    board.jobs.set('2', { changed: '2026-11-20T10:00:00Z', body: 'Work term 2, now with drones.' });
    const from = hits.length;
    const run = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    const sent = hits.slice(from).filter((h) => h.path.startsWith('/job/'));
    expect(sent.map((h) => [h.path, h.ifNoneMatch])).toEqual([['/job/1', stored[0]!.etag], ['/job/2', stored[1]!.etag]]);
    expect(run.counts).toMatchObject({ found: 2, updated: 1, unchanged: 1, archived: 0 });
    const after = await jobsOf('inc-etag');
    expect(after[0]!.updatedAt.getTime()).toBe(before[0]!.updatedAt.getTime());
    // The 304 confirmed the stored content: it counts as read by this run.
    expect(after[0]!.detailFetchedAt?.getTime()).toBe(Date.parse('2026-11-21T13:00:00Z'));
    expect(after[0]!.lastScrapedAt.getTime()).toBe(Date.parse('2026-11-21T13:00:00Z'));
    expect(after[1]!.description).toContain('drones');
    const etag2 = (await db.orm.em.fork().findOneOrFail(UrlValidator, { url: `${origin}/job/2` })).etag;
    expect(etag2).not.toBe(stored[1]!.etag);

    // Validators older than the max detail age (7 days) are not sent: every page is read in full again.
    clock.advance(8 * DAY);
    const later = hits.length;
    const full = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(hits.slice(later).filter((h) => h.path.startsWith('/job/')).map((h) => h.ifNoneMatch)).toEqual([undefined, undefined]);
    expect(full.counts).toMatchObject({ found: 2, unchanged: 2 });
  });

  it('stores no validators after a limited run, so no 304 can hide a posting that was never stored', async () => {
    reset(2);
    const p = plugin('inc-limited', 'validators');
    const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
    await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock, limit: 1 });
    expect(await db.orm.em.fork().count(UrlValidator, { source: { pluginId: 'inc-limited' } })).toBe(0);
  });
});

describe('what re-crawls remember besides jobs: postings read and not kept, robots.txt', () => {
  /** Job "senior" is a role the pipeline drops; job "gone" is listed but its page answers 404 (the plugin marks it skipped). */
  function skipping(id: string): LoadedPlugin {
    const definition = defineSource({
      id, name: id, version: '1.0.0', sdk: '^1.1.0', baseUrl: 'https://board.example.ca', crawlDelaySeconds: 0, schedule: '0 * * * *',
      async *crawl(ctx) {
        const list = (await ctx.fetch('/list')).json<{ id: string; changed: string }[]>();
        for (const item of [...list, { id: 'gone', changed: '2026-11-20T10:00:00Z' }]) {
          if (ctx.isFresh(item.id, item.changed) && ctx.stillListed(item.id)) continue;
          const res = await ctx.fetchOptional(`/job/${item.id}`);
          if (!res) {
            ctx.markSkipped(item.id, 'job page gone');
            continue;
          }
          const p = posting(id, item.id, res.text, ctx);
          yield item.id === 'senior' ? { ...p, title: 'Senior Director of Engineering', description: 'Fifteen years of experience leading teams.' } : p;
        }
      },
    });
    return { id, definition, package: { packageName: `@test/${id}`, packageVersion: '1.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' } };
  }

  it('does not read again the page of a posting it skipped, until the listing says it changed; nor robots.txt within 24 hours', async () => {
    reset(2);
    board.jobs.set('senior', { changed: '2026-11-20T10:00:00Z', body: 'Lead the engineering organisation.' });
    const p = skipping('inc-skipped');
    const clock = new FakeClock(Date.parse('2026-11-21T12:00:00Z'));
    // The earlier tests' runs of this server's robots.txt are kept too (one store for every source).
    await db.orm.em.getConnection().execute('delete from robots_files');
    let from = hits.length;
    const first = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(first.status).toBe('success');
    expect(first.counts).toMatchObject({ found: 3, added: 2, skipped: 2 });
    expect(hits.slice(from).filter((h) => h.path === '/robots.txt')).toHaveLength(1);

    clock.advance(3_600_000);
    from = hits.length;
    const second = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    // robots.txt from the engine's store (RFC 9309 allows 24 hours), the listing, and nothing else.
    expect(hits.slice(from).map((h) => h.path)).toEqual(['/list']);
    expect(second.counts).toMatchObject({ found: 2, unchanged: 2, skipped: 2, archived: 0 });
    expect((await jobsOf('inc-skipped')).map((j) => j.externalId)).toEqual(['1', '2']);

    // The senior role's listing date moves: its page is read (and dropped) again; a day later robots.txt is asked again.
    clock.advance(DAY);
    board.jobs.set('senior', { changed: '2026-11-22T12:30:00Z', body: 'Lead the engineering organisation, now in Toronto.' });
    from = hits.length;
    const third = await runCrawl({ plugin: p, orm: db.orm, baseUrl: origin, clock });
    expect(hits.slice(from).map((h) => h.path)).toEqual(['/robots.txt', '/list', '/job/senior']);
    expect(third.counts).toMatchObject({ found: 3, unchanged: 2, skipped: 2, added: 0 });
  });
});
