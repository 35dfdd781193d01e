import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FatalSourceError, RetryableError } from '@pathfinder/sdk';
import { useTestDatabase } from '../../src/testing/index.js';
import { DataSource, ScrapeLog } from '../../src/db/entities/index.js';
import { syncDataSources } from '../../src/engine/sync-data-sources.js';
import { Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import { CRAWL_QUEUE, scheduleQueueName } from '../../src/scheduler/queues.js';
import { validatePluginConfig } from '../../src/scheduler/plugin-control.js';
import { eventually, gate, inlinePlugin, posting, registryOf } from './support.js';

const db = useTestDatabase();

// Plugins the tests steer from outside.
let alphaRuns = 0;
let blockAlpha: ReturnType<typeof gate> | undefined;
let concurrent = 0;
let maxConcurrent = 0;
const alpha = inlinePlugin('alpha', async function* () {
  alphaRuns++;
  concurrent++;
  maxConcurrent = Math.max(maxConcurrent, concurrent);
  try {
    if (blockAlpha) await blockAlpha.promise;
    yield posting(alphaRuns);
  } finally {
    concurrent--;
  }
}, { schedule: '15 */4 * * *' });

const beta = inlinePlugin('beta', async function* () {
  yield posting(100);
});

let flakyFailures = 0;
const flaky = inlinePlugin('flaky', async function* () {
  if (flakyFailures > 0) {
    flakyFailures--;
    throw new RetryableError('the board answered 503', { code: 'PF_ERR_HTTP_STATUS' });
  }
  yield posting(200);
});

let brokenCalls = 0;
const broken = inlinePlugin('broken', async function* () {
  brokenCalls++;
  throw new FatalSourceError('the listing markup changed', { code: 'PF_ERR_PARSE' });
  yield posting(300);
});

let downCalls = 0;
const down = inlinePlugin('down', async function* () {
  downCalls++;
  throw new RetryableError('connection refused', { code: 'PF_ERR_NETWORK' });
  yield posting(400);
});

const registry = registryOf(alpha, beta, flaky, broken, down);
const schedulers: Scheduler[] = [];

async function startScheduler(extra: Partial<SchedulerOptions> = {}): Promise<Scheduler> {
  const scheduler = new Scheduler({
    connectionString: db.url, orm: db.orm, registry, pollingIntervalSeconds: 0.5, cancelPollMs: 100, cron: false,
    maxConsecutiveFailures: 3, retry: { limit: 2, delaySeconds: 1, backoff: false }, coordinator: false, ...extra,
  });
  schedulers.push(scheduler);
  await scheduler.start();
  return scheduler;
}

const source = (pluginId: string) => db.orm.em.fork().findOneOrFail(DataSource, { pluginId });
const logsOf = async (pluginId: string) =>
  db.orm.em.fork().find(ScrapeLog, { source: await source(pluginId) }, { orderBy: { startedAt: 'asc', id: 'asc' } });
const jobState = async (id: string) =>
  ((await db.orm.em.getConnection().execute('select state from pgboss.job where id = ?', [id], 'get')) as { state?: string } | undefined)?.state;
const scheduleNames = async (s: Scheduler) => (await s.schedules()).map((x) => `${x.name} ${x.cron} ${x.timezone}`).sort();

let worker: Scheduler;
let api: Scheduler;

beforeAll(async () => {
  await syncDataSources(db.orm.em.fork(), registry.plugins);
  // What `pathfinder serve` runs: enqueues and edits schedules, runs nothing.
  api = await startScheduler({ mode: 'send-only' });
});

afterAll(async () => {
  for (const s of schedulers) await s.stop();
});

describe('before any worker runs', () => {
  it('queues a run, refuses a second while it waits, and a worker that starts later runs it', async () => {
    const { runId } = await api.enqueueCrawl('beta', 'manual');
    expect(await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).toMatchObject({ status: 'queued', trigger: 'manual', pluginVersion: '2.0.0' });
    await expect(api.enqueueCrawl('beta', 'manual')).rejects.toMatchObject({ code: 'PF_ERR_CRAWL_QUEUED', statusCode: 409, details: { runId } });
    expect((await logsOf('beta')).map((l) => l.id)).toEqual([runId]);

    worker = await startScheduler();
    const done = await eventually(async () => {
      const row = await db.orm.em.fork().findOneOrFail(ScrapeLog, runId);
      return row.status === 'success' ? row : undefined;
    }, 'the queued run to be taken and finished');
    expect(done).toMatchObject({ jobsFound: 1, jobsAdded: 1 });
    expect(done.completedAt).toBeInstanceOf(Date);
  });
});

describe('schedules', () => {
  it('has one schedule per enabled, unpaused plugin and follows enable/disable, overrides and pauses', async () => {
    const em = db.orm.em.fork();
    await em.nativeUpdate(DataSource, { pluginId: 'beta' }, { enabled: false });
    const first = await api.syncSchedules();
    expect(first.added.sort()).toEqual(['alpha', 'broken', 'down', 'flaky']);
    expect(await scheduleNames(api)).toEqual([
      'crawl:alpha 15 */4 * * * America/Toronto',
      'crawl:broken 0 */6 * * * America/Toronto',
      'crawl:down 0 */6 * * * America/Toronto',
      'crawl:flaky 0 */6 * * * America/Toronto',
    ]);
    expect(await api.syncSchedules()).toEqual({ added: [], removed: [] });

    await api.updatePlugin('alpha', { enabled: false });
    expect(await scheduleNames(api)).not.toContain('crawl:alpha 15 */4 * * * America/Toronto');
    const disabled = (await api.listPlugins()).find((p) => p.id === 'alpha')!;
    expect(disabled).toMatchObject({ enabled: false, nextRunAt: null });

    await api.updatePlugin('beta', { enabled: true });
    await api.updatePlugin('alpha', { enabled: true, schedule: '30 2 * * 1' });
    expect(await scheduleNames(api)).toEqual([
      'crawl:alpha 30 2 * * 1 America/Toronto',
      'crawl:beta 0 */6 * * * America/Toronto',
      'crawl:broken 0 */6 * * * America/Toronto',
      'crawl:down 0 */6 * * * America/Toronto',
      'crawl:flaky 0 */6 * * * America/Toronto',
    ]);
    const status = (await api.listPlugins(new Date('2026-11-25T12:00:00Z'))).find((p) => p.id === 'alpha')!;
    expect(status).toMatchObject({ schedule: '30 2 * * 1', manifestSchedule: '15 */4 * * *', scheduleOverride: '30 2 * * 1' });
    // Monday 02:30 in Toronto (EST, UTC-5).
    expect(status.nextRunAt?.toISOString()).toBe('2026-11-30T07:30:00.000Z');

    await api.updatePlugin('alpha', { schedule: null });
    await api.updatePlugin('beta', { paused: true });
    expect(await scheduleNames(api)).toEqual([
      'crawl:alpha 15 */4 * * * America/Toronto',
      'crawl:broken 0 */6 * * * America/Toronto',
      'crawl:down 0 */6 * * * America/Toronto',
      'crawl:flaky 0 */6 * * * America/Toronto',
    ]);
    await api.updatePlugin('beta', { paused: false });
    expect(await scheduleNames(api)).toContain('crawl:beta 0 */6 * * * America/Toronto');
  });

  it('refuses a bad cron or config and changes nothing', async () => {
    await expect(api.updatePlugin('alpha', { schedule: '*/5 * * * * *', enabled: false })).rejects.toMatchObject({ code: 'PF_ERR_VALIDATION', statusCode: 400 });
    await expect(api.updatePlugin('alpha', { schedule: '61 * * * *' })).rejects.toThrow(/schedule/);
    // Valid for the newer cron-parser, but pg-boss's own parser (which fires schedules) cannot read it.
    await expect(api.updatePlugin('alpha', { schedule: '? * * * *' })).rejects.toMatchObject({ code: 'PF_ERR_VALIDATION' });
    await expect(api.updatePlugin('alpha', { schedule: '0 0 31 2 *' })).rejects.toMatchObject({ code: 'PF_ERR_VALIDATION' });
    await expect(api.updatePlugin('alpha', { config: { baseUrl: 'ftp://mirror' } })).rejects.toMatchObject({ code: 'PF_ERR_CONFIG_INVALID' });
    await expect(api.updatePlugin('alpha', { config: { pages: 3 } })).rejects.toThrow(/pages/);
    expect((await source('alpha')).enabled).toBe(true);
    // A literal loopback/link-local/private host outside the allow-list: refused when saved.
    for (const baseUrl of ['http://127.0.0.1:9/mirror', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/', 'http://[::ffff:10.0.0.1]/']) {
      await expect(api.updatePlugin('alpha', { config: { baseUrl } })).rejects.toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS' });
    }
    expect(() => validatePluginConfig(alpha.definition, { baseUrl: 'http://127.0.0.1:9/mirror' }, ['127.0.0.1'])).not.toThrow();
    const ok = await api.updatePlugin('alpha', { config: { baseUrl: 'https://mirror.example.ca/jobs' } });
    expect(ok.config).toEqual({ baseUrl: 'https://mirror.example.ca/jobs' });
    await api.updatePlugin('alpha', { config: {} });
  });

  it('a schedule tick enqueues a crawl that a worker runs', async () => {
    await api.send(scheduleQueueName('beta'), { pluginId: 'beta' });
    const log = await eventually(async () => (await logsOf('beta')).find((l) => l.trigger === 'schedule' && l.status === 'success'), 'the scheduled run of beta');
    expect(log).toMatchObject({ jobsFound: 1, jobsAdded: 0, jobsUnchanged: 1, pluginVersion: '2.0.0' });
  });
});

describe('one crawl per source at a time', () => {
  it('refuses a second run while one runs, coalesces a schedule tick, and never runs two at once', async () => {
    blockAlpha = gate();
    // Another worker process on the same database competes for the same jobs.
    await startScheduler();
    const before = alphaRuns;
    const { runId } = await api.enqueueCrawl('alpha', 'manual');
    expect((await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).status).toMatch(/queued|running/);
    await eventually(async () => (await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).status === 'running', 'the run to start');

    await expect(api.enqueueCrawl('alpha', 'manual')).rejects.toMatchObject({ code: 'PF_ERR_CRAWL_RUNNING', statusCode: 409, details: { runId } });
    expect((await api.crawlInFlight((await source('alpha')).id))).toMatchObject({ state: 'running', runId });
    // The cron firing now is coalesced into the running crawl.
    const tick = await api.send(scheduleQueueName('alpha'), { pluginId: 'alpha' });
    await eventually(async () => (await jobState(tick!)) === 'completed', 'the tick to be handled');
    // The queue itself refuses a duplicate waiting job for the source (stately + singletonKey).
    const sourceId = (await source('alpha')).id;
    expect(await api.send(CRAWL_QUEUE, { sourceId, pluginId: 'alpha', trigger: 'manual' }, { singletonKey: sourceId })).toEqual(expect.any(String));
    expect(await api.send(CRAWL_QUEUE, { sourceId, pluginId: 'alpha', trigger: 'manual' }, { singletonKey: sourceId })).toBeNull();

    blockAlpha.open();
    await eventually(async () => (await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).status === 'success', 'the run to end');
    // The job that slipped in through the raw queue runs after, never beside, the first.
    await eventually(async () => alphaRuns === before + 2 && !(await api.crawlInFlight(sourceId)), 'the queued job to run');
    blockAlpha = undefined;
    expect(maxConcurrent).toBe(1);
    const logs = await logsOf('alpha');
    expect(logs.filter((l) => l.trigger === 'schedule')).toHaveLength(0);
  });

  it('refuses a run of a disabled or unknown plugin', async () => {
    const idle = await startScheduler({ mode: 'send-only' });
    await api.updatePlugin('beta', { enabled: false });
    await expect(idle.enqueueCrawl('beta')).rejects.toMatchObject({ code: 'PF_ERR_PLUGIN_DISABLED', statusCode: 409 });
    await expect(idle.enqueueCrawl('nope')).rejects.toMatchObject({ code: 'PF_ERR_PLUGIN_NOT_FOUND', statusCode: 404 });
    await api.updatePlugin('beta', { enabled: true });
  });
});

describe('cancelling, retries and the auto-pause', () => {
  it('disabling a plugin from another process aborts its running crawl at the next step, with no retry', async () => {
    blockAlpha = gate();
    const { runId } = await api.enqueueCrawl('alpha');
    await eventually(async () => (await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).status === 'running', 'the run to start');
    await api.updatePlugin('alpha', { enabled: false });
    const log = await eventually(async () => {
      const row = await db.orm.em.fork().findOneOrFail(ScrapeLog, runId);
      return row.status === 'aborted' ? row : undefined;
    }, 'the run to be aborted');
    expect(log.errorCode).toBe('PF_ERR_ABORTED');
    expect((await source('alpha')).consecutiveFailures).toBe(0);
    await eventually(async () => !(await api.crawlInFlight((await source('alpha')).id)), 'the job to end');
    blockAlpha.open();
    blockAlpha = undefined;
    await api.updatePlugin('alpha', { enabled: true });
  });

  it('retries a retryable failure with backoff until it succeeds', async () => {
    flakyFailures = 2;
    const { runId } = await api.enqueueCrawl('flaky');
    const logs = await eventually(async () => {
      const all = await logsOf('flaky');
      return all.some((l) => l.status === 'success') ? all : undefined;
    }, 'the flaky plugin to succeed');
    expect(logs.map((l) => [l.status, l.trigger, l.errorCode ?? null])).toEqual([
      ['failed', 'manual', 'PF_ERR_HTTP_STATUS'],
      ['failed', 'retry', 'PF_ERR_HTTP_STATUS'],
      ['success', 'retry', null],
    ]);
    expect(logs[0].id).toBe(runId);
    expect((await source('flaky')).consecutiveFailures).toBe(0);
  });

  it('does not retry a fatal failure, and pauses the plugin after N failures in a row', async () => {
    for (let i = 1; i <= 3; i++) {
      const { runId } = await api.enqueueCrawl('broken');
      await eventually(async () => (await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).status === 'failed', `failed run ${i}`);
      await eventually(async () => !(await api.crawlInFlight((await source('broken')).id)), 'the job to end');
    }
    expect(brokenCalls).toBe(3);
    const row = await source('broken');
    expect(row.consecutiveFailures).toBe(3);
    expect(row.pausedAt).toBeInstanceOf(Date);
    expect(row.pauseReason).toContain('3 consecutive failed runs');
    expect(row.pauseReason).toContain('PF_ERR_PARSE: the listing markup changed');
    expect(await scheduleNames(api)).not.toContain('crawl:broken 0 */6 * * * America/Toronto');
    const status = (await api.listPlugins()).find((p) => p.id === 'broken')!;
    expect(status).toMatchObject({ paused: true, nextRunAt: null, lastRun: { status: 'failed' } });

    const resumed = await api.updatePlugin('broken', { paused: false });
    expect(resumed).toMatchObject({ paused: false, pauseReason: null, consecutiveFailures: 0 });
    expect(resumed.nextRunAt).toBeInstanceOf(Date);
    expect(await scheduleNames(api)).toContain('crawl:broken 0 */6 * * * America/Toronto');
  });

  it('stops retrying once the failures pause the plugin', async () => {
    // One failure already on record: the second attempt of this run reaches the limit of 3.
    await db.orm.em.fork().nativeUpdate(DataSource, { pluginId: 'down' }, { consecutiveFailures: 1 });
    const { runId } = await api.enqueueCrawl('down');
    await eventually(async () => (await source('down')).pausedAt, 'the pause');
    await eventually(async () => !(await api.crawlInFlight((await source('down')).id)), 'the job to end');
    // The queue would allow 2 retries; the pause ends them after the first.
    expect(downCalls).toBe(2);
    const logs = await logsOf('down');
    expect(logs.map((l) => [l.status, l.trigger])).toEqual([['failed', 'manual'], ['failed', 'retry']]);
    expect(logs[0].id).toBe(runId);
    expect((await source('down')).pauseReason).toContain('PF_ERR_NETWORK: connection refused');
  });
});
