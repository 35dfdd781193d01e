import { DataSource, ScrapeLog, type IDataSource } from '../db/entities/index.js';
import { runCrawl, type CrawlResult } from '../engine/crawl-runner.js';
import { shouldRetry, type CancelReason } from '../engine/run-outcome.js';
import { watchSourceEnabled } from './cancel-watch.js';
import { holdCrawlLease } from './crawl-lease.js';
import { PostgresDelayCoordinator } from './postgres-delay-coordinator.js';
import type { DelayCoordinator } from '@pathfinder/sdk';
import { pauseAfterFailures } from './plugin-control.js';
import type { QueueJob, Scheduler } from './scheduler.js';
import type { CrawlJobData } from './queues.js';

/** A crawl this process is running, and how to stop it. */
export interface RunningCrawl {
  cancel(reason: CancelReason): void;
}

export interface CrawlFinishedEvent {
  pluginId: string;
  sourceId: string;
  result: CrawlResult;
}

export type CrawlFinishedListener = (event: CrawlFinishedEvent) => void | Promise<void>;

/** Thrown to make pg-boss retry the job (with the queue's backoff). */
class RetryCrawl extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryCrawl';
  }
}

/**
 * The worker side of the `crawl` queue. Each job runs one crawl of one source (pg-boss's `stately`
 * policy keeps it the only one running for that source). The run is cancelled when the plugin is
 * disabled (seen by polling its row, so it works across machines) or the worker stops. A retryable
 * failure throws, so pg-boss retries it with backoff — unless the failure paused the plugin.
 */
export function createCrawlJobHandler(scheduler: Scheduler, running: Map<string, RunningCrawl>, listeners: CrawlFinishedListener[]) {
  return async (jobs: QueueJob<CrawlJobData>[]): Promise<unknown> => {
    const outputs = [];
    for (const job of jobs) {
      try {
        outputs.push(await runJob(scheduler, running, listeners, job));
      } catch (error) {
        // pg-boss fails the job without awaiting the query: thrown while the database is away, that
        // rejection would reach no one. Waiting for the database first keeps the failure (and the
        // retry it schedules) ours; a worker stopping meanwhile leaves the job to the orphan sweep.
        if (scheduler.databaseWatch.report(error, `crawl of ${job.data.pluginId}`)) await scheduler.databaseWatch.waitUntilBack(scheduler.shutdownSignal);
        throw error;
      }
    }
    return outputs.length === 1 ? outputs[0] : outputs;
  };
}

async function runJob(scheduler: Scheduler, running: Map<string, RunningCrawl>, listeners: CrawlFinishedListener[], job: QueueJob<CrawlJobData>) {
  const { sourceId, pluginId } = job.data;
  const em = scheduler.orm.em.fork();
  const source = await em.findOne(DataSource, sourceId);
  const queued = job.data.runId ? await em.findOne(ScrapeLog, { id: job.data.runId, status: 'queued' }) : null;
  const plugin = scheduler.registry.get(pluginId);

  if (!source || !source.enabled || !plugin) {
    const [code, message] = !plugin
      ? ['PF_ERR_PLUGIN_NOT_FOUND', `Plugin "${pluginId}" is not loaded in this worker`]
      : ['PF_ERR_PLUGIN_DISABLED', `Plugin "${pluginId}" was disabled before the run started`];
    if (queued) await endQueued(scheduler, queued.id, !plugin ? 'failed' : 'aborted', code, message);
    scheduler.log.warn('crawl job skipped', { pluginId, reason: message });
    return { skipped: message };
  }

  // We hold the source's only active crawl job: a `running` log left by a worker that died is stale
  // (a `pathfinder crawl` from the CLI bypasses the queue, so its logs are left alone).
  await em.nativeUpdate(ScrapeLog, { source: sourceId, status: 'running', trigger: { $ne: 'cli' } }, orphanedRunEnding());

  const controller = new AbortController();
  let cancelReason: CancelReason | undefined;
  const cancel = (reason: CancelReason) => {
    cancelReason ??= reason;
    controller.abort();
  };
  // Held while the crawl runs; if this worker dies, Postgres drops it and the job is known orphaned.
  const lease = await holdCrawlLease(scheduler.options.connectionString, sourceId, () => cancel('shutdown'));
  running.set(sourceId, { cancel });
  const watch = watchSourceEnabled(scheduler.orm, sourceId, () => cancel('disabled'), scheduler.options.cancelPollMs ?? 3000);
  const overtime = setTimeout(() => cancel('overtime'), (scheduler.crawlExpireSeconds - 60) * 1000);
  overtime.unref();

  const coordinator = scheduler.coordinatorFor(controller.signal, sourceId);
  let result: CrawlResult;
  try {
    result = await runCrawl({
      ...scheduler.options.crawlDefaults,
      allowedPrivateHosts: scheduler.options.allowedPrivateHosts,
      plugin,
      orm: scheduler.orm,
      trigger: job.retryCount > 0 ? 'retry' : job.data.trigger,
      runId: queued?.id,
      signal: controller.signal,
      coordinator,
    });
  } catch (error) {
    // The database went away under the crawl (its writes, or the lease, failed): wait for it, then
    // end the run `aborted` with that reason and have pg-boss run the job again.
    if (scheduler.databaseWatch.report(error, `crawl of ${pluginId}`)) return endAfterDatabaseLoss(scheduler, sourceId, pluginId, queued?.id, coordinator);
    // Before the run started (stored config no longer valid, plugin disabled this instant): no retry.
    const e = error as { code?: string; message?: string };
    if (queued) await endQueued(scheduler, queued.id, 'failed', e.code ?? 'PF_ERR_INTERNAL', e.message ?? String(error));
    scheduler.log.error('crawl could not start', { pluginId, code: e.code, message: e.message });
    return { failed: e.message };
  } finally {
    clearTimeout(overtime);
    watch.stop();
    running.delete(sourceId);
    await lease.release();
  }

  scheduler.log.info('crawl finished', { pluginId, status: result.status, runId: result.runId, ...result.counts, error: result.error?.message });
  for (const listener of listeners) {
    try {
      await listener({ pluginId, sourceId, result });
    } catch (error) {
      scheduler.log.error('crawl-finished listener failed', { pluginId, message: (error as Error).message });
    }
  }

  const summary = { runId: result.runId, status: result.status, counts: result.counts, error: result.error, partial: result.partial };
  // A run that ended cleanly, or that someone stopped, says nothing about the source's health.
  const judged = result.status !== 'success' && result.status !== 'partial' && cancelReason !== 'disabled' && cancelReason !== 'shutdown';
  const fresh = judged ? ((await scheduler.orm.em.fork().findOne(DataSource, sourceId)) as IDataSource | null) : null;
  const paused = fresh ? (await pauseAfterFailures(scheduler, fresh, result)) || Boolean(fresh.pausedAt) : false;
  if (shouldRetry(result, cancelReason, paused)) {
    // Thrown so pg-boss runs it again later (with the queue's backoff).
    throw new RetryCrawl(cancelReason === 'shutdown'
      ? `Crawl of "${pluginId}" interrupted by a worker shutdown`
      : `${result.error?.code}: ${result.error?.message}`);
  }
  return summary;
}

/** How a run log ends when the database was lost during its crawl. */
export function databaseLostRunEnding() {
  return {
    status: 'aborted' as const, completedAt: new Date(), errorCode: 'PF_ERR_DB_UNAVAILABLE', progress: null,
    errorMessage: 'The database connection was lost during the crawl; the run is retried now that it is back',
  };
}

/**
 * The end of a crawl that lost its database: waits until the database answers again (this worker is
 * still its runner meanwhile: it stays in `running`, so its own orphan sweep leaves it alone), ends
 * the run `aborted` with the reason, and throws so pg-boss retries the job. A worker stopped while
 * waiting leaves the job to the orphan sweep of whichever worker comes next.
 */
async function endAfterDatabaseLoss(
  scheduler: Scheduler, sourceId: string, pluginId: string, runId: string | undefined, coordinator: DelayCoordinator | undefined,
): Promise<never> {
  scheduler.log.warn('crawl interrupted: the database was lost; its run ends once the database is back', { pluginId });
  await scheduler.databaseWatch.waitUntilBack(scheduler.shutdownSignal);
  // The request cut by the loss never gave its host back: without this, the retry waits out the hold (minutes).
  if (coordinator instanceof PostgresDelayCoordinator) await coordinator.releaseOutstanding(Date.now());
  const em = scheduler.orm.em.fork();
  if (runId) await em.nativeUpdate(ScrapeLog, { id: runId, status: { $in: ['queued', 'running'] } }, databaseLostRunEnding());
  // A scheduled run has no queued log: its own `running` one is the only one of this source (we hold its job).
  await em.nativeUpdate(ScrapeLog, { source: sourceId, status: 'running', trigger: { $ne: 'cli' } }, databaseLostRunEnding());
  throw new RetryCrawl(`Crawl of "${pluginId}" interrupted: the database connection was lost`);
}

/** How a run log ends when the worker running it died: what the orphan checks write. */
export function orphanedRunEnding() {
  return { status: 'aborted' as const, completedAt: new Date(), errorCode: 'PF_ERR_ABORTED', errorMessage: 'The worker running this crawl stopped before it ended', progress: null };
}

async function endQueued(scheduler: Scheduler, runId: string, status: 'aborted' | 'failed', code: string, message: string): Promise<void> {
  await scheduler.orm.em.fork().nativeUpdate(ScrapeLog, { id: runId, status: 'queued' }, {
    status, completedAt: new Date(), errorCode: code.slice(0, 60), errorMessage: message,
  });
}
