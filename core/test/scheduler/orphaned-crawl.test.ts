import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { DataSource, ScrapeLog } from '../../src/db/entities/index.js';
import { syncDataSources } from '../../src/engine/sync-data-sources.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { holdCrawlLease } from '../../src/scheduler/crawl-lease.js';
import { eventually, inlinePlugin, posting, registryOf } from './support.js';

const db = useTestDatabase();
const lone = inlinePlugin('lone', async function* () {
  yield posting(1);
});
let api: Scheduler;
let sourceId: string;

beforeAll(async () => {
  await syncDataSources(db.orm.em.fork(), [lone]);
  sourceId = (await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'lone' })).id;
  // No worker: the test plays the worker that took the job.
  api = new Scheduler({ connectionString: db.url, orm: db.orm, registry: registryOf(lone), mode: 'send-only' });
  await api.start();
});

afterAll(async () => {
  await api?.stop();
});

/** As if a worker took the job `minutesAgo` and started the run. */
async function takeJob(jobId: string, runId: string, minutesAgo: number): Promise<void> {
  const conn = db.orm.em.getConnection();
  await conn.execute(`update pgboss.job set state = 'active', started_on = now() - make_interval(mins => ?) where id = ?`, [minutesAgo, jobId]);
  await db.orm.em.fork().nativeUpdate(ScrapeLog, { id: runId }, { status: 'running' });
}
const jobState = async (id: string) =>
  ((await db.orm.em.getConnection().execute('select state from pgboss.job where id = ?', [id], 'get')) as { state: string }).state;

describe('a crawl job whose worker died', () => {
  it('is cancelled (and its log aborted) when the next run is asked for, instead of blocking the source', async () => {
    const first = await api.enqueueCrawl('lone');
    await takeJob(first.jobId, first.runId, 5);
    // No lease: the worker that took it is gone.
    const second = await api.enqueueCrawl('lone');
    expect(second.runId).not.toBe(first.runId);
    expect(await jobState(first.jobId)).toBe('cancelled');
    expect(await db.orm.em.fork().findOneOrFail(ScrapeLog, first.runId)).toMatchObject({ status: 'aborted', errorCode: 'PF_ERR_ABORTED' });
    await api.cancelQueuedCrawls(sourceId);
  });

  it('is left alone while its worker holds the lease, and during the grace after it was taken', async () => {
    const live = await api.enqueueCrawl('lone');
    await takeJob(live.jobId, live.runId, 5);
    const lease = await holdCrawlLease(db.url, sourceId, () => undefined);
    try {
      await expect(api.enqueueCrawl('lone')).rejects.toMatchObject({ code: 'PF_ERR_CRAWL_RUNNING' });
      expect(await jobState(live.jobId)).toBe('active');
    } finally {
      await lease.release();
    }
    // Just taken (no lease yet is normal for a moment): still running.
    await db.orm.em.getConnection().execute(`update pgboss.job set started_on = now() where id = ?`, [live.jobId]);
    await expect(api.enqueueCrawl('lone')).rejects.toMatchObject({ code: 'PF_ERR_CRAWL_RUNNING' });
  });

  it('a lost lease connection stops the crawl that held it', async () => {
    let lost = 0;
    const lease = await holdCrawlLease(db.url, 'some-source', () => lost++);
    await db.orm.em.getConnection().execute(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pathfinder-crawl-lease' and datname = current_database()`,
    );
    const deadline = Date.now() + 10_000;
    while (lost === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toBe(1);
    await lease.release();
    expect(lost).toBe(1);
  });
});

describe('the worker\'s orphan sweep', () => {
  it('aborts a crawl whose worker was killed and runs it again as a retry, without anyone asking', async () => {
    const swept = inlinePlugin('swept', async function* () {
      yield posting(7);
    });
    await syncDataSources(db.orm.em.fork(), [swept]);
    const sweptId = (await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'swept' })).id;
    const sender = new Scheduler({ connectionString: db.url, orm: db.orm, registry: registryOf(swept), mode: 'send-only' });
    await sender.start();
    const killed = await sender.enqueueCrawl('swept');
    // What a SIGKILLed worker leaves: the job active in pg-boss, the run `running`, and no lease
    // (Postgres ended the dead worker's session, and with it the advisory lock).
    await takeJob(killed.jobId, killed.runId, 5);
    await sender.stop();

    const worker = new Scheduler({
      connectionString: db.url, orm: db.orm, registry: registryOf(swept), cron: false, orphanSweepMs: 200, pollingIntervalSeconds: 0.5,
    });
    await worker.start();
    try {
      const retried = await eventually(async () => {
        const logs = await db.orm.em.fork().find(ScrapeLog, { source: sweptId, trigger: 'retry', status: 'success' });
        return logs[0];
      }, 'the retry run to succeed');
      expect(retried.jobsFound).toBe(1);
      expect(await db.orm.em.fork().findOneOrFail(ScrapeLog, killed.runId)).toMatchObject({ status: 'aborted', errorCode: 'PF_ERR_ABORTED' });
      expect(await jobState(killed.jobId)).toBe('cancelled');
    } finally {
      await worker.stop();
    }
  });

  it('leaves a crawl alone while its worker holds the lease', async () => {
    const held = inlinePlugin('held', async function* () {
      yield posting(8);
    });
    await syncDataSources(db.orm.em.fork(), [held]);
    const heldId = (await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'held' })).id;
    const worker = new Scheduler({ connectionString: db.url, orm: db.orm, registry: registryOf(held), cron: false, orphanSweepMs: false });
    await worker.start();
    const lease = await holdCrawlLease(db.url, heldId, () => undefined);
    try {
      // Taken by "another worker" that holds the lease: this worker's handler must not run it.
      const sender = new Scheduler({ connectionString: db.url, orm: db.orm, registry: registryOf(held), mode: 'send-only' });
      await sender.start();
      const live = await sender.enqueueCrawl('held');
      await sender.stop();
      await takeJob(live.jobId, live.runId, 5);
      expect(await worker.retryOrphanedCrawls()).toEqual([]);
      expect(await jobState(live.jobId)).toBe('active');
    } finally {
      await lease.release();
      await worker.stop();
    }
  });
});
