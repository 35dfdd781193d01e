import { describe, expect, it } from 'vitest';
import { defineSource, type CrawlContext, type JobPosting, type RequestRecord } from '@pathfinder/sdk';
import { FakeClock, serveFixtures } from '@pathfinder/sdk/testing';
import { useTestDatabase } from '../../src/testing/index.js';
import { runCrawl } from '../../src/engine/crawl-runner.js';
import type { LoadedPlugin } from '../../src/engine/plugin-registry.js';
import { DataSource, Job, ScrapeLog } from '../../src/db/entities/index.js';
import { syncDataSources } from '../../src/engine/sync-data-sources.js';

const db = useTestDatabase();

/** An inline plugin whose postings the test controls between runs. */
function scriptedPlugin(id: string, crawl: (ctx: CrawlContext) => AsyncIterable<JobPosting>, manifest: { maxArchiveFraction?: number } = {}): LoadedPlugin {
  const definition = defineSource({
    id, name: `Test ${id}`, version: '1.2.3', sdk: '^1.1.0', baseUrl: 'https://jobs.example.ca', crawlDelaySeconds: 0,
    schedule: '0 * * * *',
    ...manifest,
    crawl: (ctx) => crawl(ctx),
  });
  return { id, definition, package: { packageName: `@test/${id}`, packageVersion: '1.2.3', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' } };
}

const posting = (n: number, extra: Partial<JobPosting> = {}): JobPosting => ({
  title: `Software Developer Co-op ${n}`,
  companyName: 'Maple Robotics',
  originalUrl: `https://jobs.example.ca/jobs?id=${n}`,
  externalId: String(n),
  description: `Work term ${n} building robots in Waterloo.`,
  city: 'Waterloo',
  province: 'ON',
  ...extra,
});

async function* yieldAll(items: JobPosting[]) {
  yield* items;
}

describe('runCrawl against Postgres', () => {
  it('adds, then tells updated from unchanged, archives what vanished, skips senior roles', async () => {
    let items = [posting(1), posting(2), posting(3), posting(4, { title: 'Senior Manager, Engineering' })];
    const plugin = scriptedPlugin('scripted', () => yieldAll(items));

    const first = await runCrawl({ plugin, orm: db.orm, trigger: 'manual' });
    expect(first.status).toBe('success');
    expect(first.counts).toMatchObject({ found: 4, added: 3, updated: 0, unchanged: 0, archived: 0, skipped: 1, invalid: 0 });
    expect(first.addedIds).toHaveLength(3);

    items = [posting(1), posting(2, { description: 'Work term 2, now with drones.' })];
    const second = await runCrawl({ plugin, orm: db.orm });
    expect(second.counts).toMatchObject({ found: 2, added: 0, updated: 1, unchanged: 1, archived: 1 });

    const em = db.orm.em.fork();
    const source = await em.findOneOrFail(DataSource, { pluginId: 'scripted' });
    const jobs = await em.find(Job, { source }, { orderBy: { externalId: 'asc' } });
    expect(jobs.map((j) => [j.externalId, j.isActive, j.archiveReason ?? null])).toEqual([
      ['1', true, null], ['2', true, null], ['3', false, 'no longer listed'],
    ]);
    expect(jobs[1].description).toContain('drones');
    expect(jobs[0].jobType).toBe('coop');

    const logs = await em.find(ScrapeLog, { source }, { orderBy: { startedAt: 'asc' } });
    expect(logs.map((l) => [l.status, l.jobsAdded, l.jobsUpdated, l.jobsUnchanged, l.jobsArchived, l.jobsSkipped, l.pluginVersion])).toEqual([
      ['success', 3, 0, 0, 0, 1, '1.2.3'],
      ['success', 0, 1, 1, 1, 0, '1.2.3'],
    ]);
    expect((logs[0].details as { skipped: { title: string }[] }).skipped[0].title).toBe('Senior Manager, Engineering');

    // A job that comes back is listed again.
    items = [posting(1), posting(2, { description: 'Work term 2, now with drones.' }), posting(3)];
    const third = await runCrawl({ plugin, orm: db.orm });
    expect(third.counts).toMatchObject({ added: 0, unchanged: 3, archived: 0 });
    expect(await em.fork().count(Job, { source, isActive: true })).toBe(3);
  });

  it('never overwrites an update-prohibited job', async () => {
    let items = [posting(10)];
    const plugin = scriptedPlugin('prohibited', () => yieldAll(items));
    await runCrawl({ plugin, orm: db.orm });
    const em = db.orm.em.fork();
    const job = await em.findOneOrFail(Job, { externalId: '10', source: { pluginId: 'prohibited' } });
    job.updateProhibited = true;
    job.title = 'Edited by an admin';
    await em.flush();
    items = [posting(10, { description: 'changed upstream' })];
    const run = await runCrawl({ plugin, orm: db.orm });
    expect(run.counts).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await db.orm.em.fork().findOneOrFail(Job, job.id)).title).toBe('Edited by an admin');
  });

  it('a throwing plugin fails its run, archives nothing, and counts the failure', async () => {
    let fail = false;
    const plugin = scriptedPlugin('thrower', async function* () {
      yield posting(20);
      if (fail) throw new Error('the site changed its markup');
      yield posting(21);
    });
    await runCrawl({ plugin, orm: db.orm });
    fail = true;
    const run = await runCrawl({ plugin, orm: db.orm });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'PF_ERR_PLUGIN_CRASHED', retryable: true });
    expect(run.error?.message).toContain('the site changed its markup');
    const em = db.orm.em.fork();
    const source = await em.findOneOrFail(DataSource, { pluginId: 'thrower' });
    expect(source.consecutiveFailures).toBe(1);
    expect(await em.count(Job, { source, isActive: true })).toBe(2);
    const log = await em.findOneOrFail(ScrapeLog, run.runId!);
    expect(log).toMatchObject({ status: 'failed', jobsArchived: 0, errorCode: 'PF_ERR_PLUGIN_CRASHED' });
  });

  it('a hanging plugin is aborted after the stall timeout and archives nothing', async () => {
    const plugin = scriptedPlugin('hanger', async function* () {
      yield posting(30);
      await new Promise(() => undefined); // never settles
    });
    const run = await runCrawl({ plugin, orm: db.orm, stallMs: 150 });
    expect(run.status).toBe('aborted');
    expect(run.error?.code).toBe('PF_ERR_CRAWL_TIMEOUT');
    const log = await db.orm.em.fork().findOneOrFail(ScrapeLog, run.runId!);
    expect(log.status).toBe('aborted');
  });

  it('a cancelled run (plugin disabled meanwhile) stops and is aborted', async () => {
    const controller = new AbortController();
    const plugin = scriptedPlugin('cancelled', async function* () {
      yield posting(40);
      controller.abort();
      yield posting(41);
    });
    const run = await runCrawl({ plugin, orm: db.orm, signal: controller.signal });
    expect(run.status).toBe('aborted');
    expect(run.error?.code).toBe('PF_ERR_ABORTED');
  });

  it('refuses a disabled plugin unless told otherwise', async () => {
    const plugin = scriptedPlugin('disabled', () => yieldAll([posting(50)]));
    await runCrawl({ plugin, orm: db.orm });
    const em = db.orm.em.fork();
    const source = await em.findOneOrFail(DataSource, { pluginId: 'disabled' });
    source.enabled = false;
    await em.flush();
    await expect(runCrawl({ plugin, orm: db.orm })).rejects.toMatchObject({ code: 'PF_ERR_PLUGIN_DISABLED' });
    expect((await runCrawl({ plugin, orm: db.orm, allowDisabled: true })).status).toBe('success');
  });

  it('a limited run archives nothing; a dry run needs no database and stores nothing', async () => {
    const plugin = scriptedPlugin('limited', () => yieldAll([posting(60), posting(61), posting(62)]));
    await runCrawl({ plugin, orm: db.orm });
    const limited = await runCrawl({ plugin, orm: db.orm, limit: 1 });
    expect(limited.counts).toMatchObject({ found: 1, archived: 0 });
    expect(limited.status).toBe('partial');
    expect(limited.partial).toEqual({ reason: 'limited', message: 'The run stopped before the end of the listing (stopped at the limit of 1 posting); nothing was archived' });

    const seen: string[] = [];
    const dry = await runCrawl({ plugin: scriptedPlugin('dry', () => yieldAll([posting(70), posting(71, { title: 'Director of Finance' })])), dryRun: true, onPosting: (j) => seen.push(j.title) });
    expect(dry.counts).toMatchObject({ found: 2, skipped: 1, added: 0 });
    expect(seen).toEqual(['Software Developer Co-op 70']);
    expect(await db.orm.em.fork().count(DataSource, { pluginId: 'dry' })).toBe(0);
  });

  it('fetches politely through the engine: robots first, the declared delay kept, state saved', async () => {
    const server = await serveFixtures('/nonexistent', {
      routes: [
        { path: '/robots.txt', text: 'User-agent: *\nDisallow: /private\n' },
        { path: '/jobs.json', text: JSON.stringify([{ id: 1 }, { id: 2 }]), contentType: 'application/json' },
      ],
    });
    try {
      const definition = defineSource({
        id: 'polite', name: 'Polite', version: '1.0.0', sdk: '^1.0.0', baseUrl: 'https://example.invalid', crawlDelaySeconds: 7,
        schedule: '0 * * * *',
        async *crawl(ctx) {
          const list = (await ctx.fetch('/jobs.json')).json<{ id: number }[]>();
          for (const { id } of list) {
            await ctx.fetch(`/jobs.json?again=${id}`);
            yield posting(100 + id, { originalUrl: `${ctx.baseUrl}/jobs?id=${id}` });
          }
          ctx.state.cursor = list.length;
        },
      });
      const plugin: LoadedPlugin = { id: 'polite', definition, package: { packageName: 'x', packageVersion: '1.0.0', dir: '/', entry: '/', origin: 'extra' } };
      const clock = new FakeClock(Date.parse('2026-11-26T12:00:00Z'));
      const records: RequestRecord[] = [];
      const run = await runCrawl({ plugin, orm: db.orm, baseUrl: server.origin, clock, onRequest: (r) => records.push(r) });
      expect(run.status).toBe('success');
      expect(run.requests).toBe(4);
      const paths = server.requests.map((r) => r.url);
      expect(paths[0]).toBe('/robots.txt');
      expect(records.map((r) => r.kind)).toEqual(['robots', 'page', 'page', 'page']);
      for (let i = 2; i < records.length; i++) expect(records[i].startedAt - records[i - 1].endedAt).toBeGreaterThanOrEqual(7000);
      const source = await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'polite' });
      expect(source.crawlState).toEqual({ cursor: 2 });
      const jobs = await db.orm.em.fork().find(Job, { source });
      expect(jobs.every((j) => j.originalUrl.startsWith(server.origin))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses a stored baseUrl whose name resolves to loopback unless allowed; the run log names the address', async () => {
    const server = await serveFixtures('/nonexistent', { routes: [{ path: '/latest/meta-data/', text: '[1]', contentType: 'application/json' }] });
    try {
      const definition = defineSource({
        id: 'ssrf', name: 'SSRF', version: '1.0.0', sdk: '^1.0.0', baseUrl: 'https://example.invalid', crawlDelaySeconds: 0,
        schedule: '0 * * * *',
        async *crawl(ctx) {
          const list = (await ctx.fetch('/latest/meta-data/')).json<number[]>();
          for (const n of list) yield posting(900 + n);
        },
      });
      const plugin: LoadedPlugin = { id: 'ssrf', definition, package: { packageName: 'x', packageVersion: '1.0.0', dir: '/', entry: '/', origin: 'extra' } };
      // An admin saved a baseUrl on a public-looking name that resolves to this machine.
      const em = db.orm.em.fork();
      await syncDataSources(em, [plugin]);
      await em.nativeUpdate(DataSource, { pluginId: 'ssrf' }, { pluginConfig: { baseUrl: `http://mirror.example.ca:${new URL(server.origin).port}` } });
      const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
      const warnings: string[] = [];
      const log = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (m: string, d?: object) => void warnings.push(`${m} ${JSON.stringify(d)}`) };

      const run = await runCrawl({ plugin, orm: db.orm, resolveHost, log, clock: new FakeClock() });
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', retryable: false });
      expect(run.error?.message).toMatch(/mirror\.example\.ca \(resolved to 127\.0\.0\.1\)/);
      const row = await db.orm.em.fork().findOneOrFail(ScrapeLog, run.runId!);
      expect([row.errorCode, row.errorMessage]).toEqual(['PF_ERR_PRIVATE_ADDRESS', expect.stringContaining('127.0.0.1')]);
      expect(warnings.some((w) => w.startsWith('connection refused: private address') && w.includes('127.0.0.1'))).toBe(true);
      expect(server.requests).toEqual([]);

      const allowed = await runCrawl({ plugin, orm: db.orm, resolveHost, clock: new FakeClock(), allowedPrivateHosts: ['mirror.example.ca'] });
      expect(allowed.status).toBe('success');
      expect(allowed.counts.added).toBe(1);
      expect(server.requests.map((r) => r.url)).toEqual(['/robots.txt', '/latest/meta-data/']);
    } finally {
      await server.close();
    }
  });

  it('a run that yields nothing after a good one archives nothing and ends partial (empty), whatever the manifest allows', async () => {
    let items = [posting(200), posting(201), posting(202)];
    const plugin = scriptedPlugin('emptied', () => yieldAll(items), { maxArchiveFraction: 1 });
    expect((await runCrawl({ plugin, orm: db.orm })).status).toBe('success');
    items = [];
    const run = await runCrawl({ plugin, orm: db.orm });
    expect(run).toMatchObject({ status: 'partial', counts: { found: 0, archived: 0 }, partial: { reason: 'empty' } });
    const em = db.orm.em.fork();
    const source = await em.findOneOrFail(DataSource, { pluginId: 'emptied' });
    expect(await em.count(Job, { source, isActive: true })).toBe(3);
    const log = await em.findOneOrFail(ScrapeLog, run.runId!);
    expect(log).toMatchObject({
      status: 'partial', jobsArchived: 0, partialReason: 'empty', errorCode: null, progress: null,
      partialMessage: "The run yielded no posting; the source's 3 active jobs were kept",
    });
    // Not a failure: the source is not pushed towards a pause, nor is it counted healthy.
    expect(source.consecutiveFailures).toBe(0);

    // Postings that all fall out of the pipeline (senior roles) are no better than none.
    items = [posting(203, { title: 'Senior Director, Engineering' })];
    const skipped = await runCrawl({ plugin, orm: db.orm });
    expect(skipped).toMatchObject({ status: 'partial', counts: { found: 1, skipped: 1, archived: 0 }, partial: { reason: 'empty' } });
    expect(await em.fork().count(Job, { source, isActive: true })).toBe(3);
  });

  it('a drop of more than half of the active jobs archives nothing (shrunk) unless the manifest allows it', async () => {
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => posting(300 + n));
    let items = all;
    const strict = scriptedPlugin('shrinking', () => yieldAll(items));
    await runCrawl({ plugin: strict, orm: db.orm });
    items = all.slice(0, 4);
    const run = await runCrawl({ plugin: strict, orm: db.orm });
    expect(run).toMatchObject({ status: 'partial', counts: { found: 4, unchanged: 4, archived: 0 }, partial: { reason: 'shrunk' } });
    expect(run.partial?.message).toContain('would have archived 6 of the source\'s 10 active jobs (60 %)');
    const em = db.orm.em.fork();
    expect(await em.count(Job, { source: { pluginId: 'shrinking' }, isActive: true })).toBe(10);
    // Half is within the limit.
    items = all.slice(0, 5);
    expect((await runCrawl({ plugin: strict, orm: db.orm })).counts.archived).toBe(5);

    let seasonal = all.map((p) => ({ ...p, externalId: `s${p.externalId}`, originalUrl: `${p.originalUrl}&s=1`, title: `${p.title} (seasonal)` }));
    const allowed = scriptedPlugin('seasonal', () => yieldAll(seasonal), { maxArchiveFraction: 0.9 });
    await runCrawl({ plugin: allowed, orm: db.orm });
    seasonal = seasonal.slice(0, 2);
    expect(await runCrawl({ plugin: allowed, orm: db.orm })).toMatchObject({ status: 'success', counts: { archived: 8 } });
  });

  it('a plugin that marks its run incomplete (a page limit) archives nothing and ends partial (limited)', async () => {
    let limit: number | undefined;
    const items = [posting(400), posting(401), posting(402)];
    const plugin = scriptedPlugin('paged', async function* (ctx) {
      for (const [i, item] of items.entries()) {
        if (limit !== undefined && i >= limit) {
          ctx.markIncomplete(`stopped after maxPages (${limit})`);
          return;
        }
        yield item;
      }
    });
    await runCrawl({ plugin, orm: db.orm });
    limit = 1;
    const run = await runCrawl({ plugin, orm: db.orm });
    expect(run).toMatchObject({ status: 'partial', counts: { found: 1, archived: 0 }, partial: { reason: 'limited' } });
    expect(run.partial?.message).toContain('stopped after maxPages (1)');
    const log = await db.orm.em.fork().findOneOrFail(ScrapeLog, run.runId!);
    expect(log).toMatchObject({ status: 'partial', partialReason: 'limited', details: { limited: true, incomplete: ['stopped after maxPages (1)'] } });
    expect(await db.orm.em.fork().count(Job, { source: { pluginId: 'paged' }, isActive: true })).toBe(3);
  });
});
