import type PgBoss from 'pg-boss';
import { DataSource, ScrapeLog } from '../db/entities/index.js';
import { CoreError } from '../errors/codes.js';
import type { Scheduler } from './scheduler.js';
import { CRAWL_QUEUE, type CrawlJobData, type CrawlTrigger } from './queues.js';

export interface EnqueueResult {
  /** The `ScrapeLog` of this run, `queued` until a worker takes it. */
  runId: string;
  /** The pg-boss job id. */
  jobId: string;
  sourceId: string;
}

export interface CrawlInFlight {
  jobId: string;
  state: 'queued' | 'running';
  runId?: string;
  /** When a worker took it (running only). */
  startedOn?: Date;
}

/** The source's crawl job that is waiting, retrying or running, if any. */
export async function crawlInFlight(boss: PgBoss, schema: string, sourceId: string): Promise<CrawlInFlight | undefined> {
  const { rows } = await boss.getDb().executeSql(
    `select id, state, data, started_on from ${schema}.job
      where name = $1 and singleton_key = $2 and state in ('created', 'retry', 'active')
      order by case state when 'active' then 0 else 1 end, created_on limit 1`,
    [CRAWL_QUEUE, sourceId],
  );
  const row = rows[0] as { id: string; state: string; data: CrawlJobData | null; started_on: Date | string | null } | undefined;
  if (!row) return undefined;
  return {
    jobId: row.id, state: row.state === 'active' ? 'running' : 'queued', runId: row.data?.runId,
    startedOn: row.state === 'active' && row.started_on ? new Date(row.started_on) : undefined,
  };
}

/**
 * Puts one crawl of `pluginId` on the queue with a `queued` ScrapeLog whose id is the run id. At most
 * one crawl per source is ever in flight: a second request is refused with 409 (`PF_ERR_CRAWL_RUNNING`
 * or `PF_ERR_CRAWL_QUEUED`); the queue's `stately` policy (singletonKey = source id) refuses the
 * rare request that races past that check.
 */
export async function enqueueCrawl(scheduler: Scheduler, boss: PgBoss, pluginId: string, trigger: CrawlTrigger): Promise<EnqueueResult> {
  const plugin = scheduler.registry.get(pluginId);
  const em = scheduler.orm.em.fork();
  const source = plugin ? await em.findOne(DataSource, { pluginId }) : null;
  if (!plugin || !source) throw new CoreError('PF_ERR_PLUGIN_NOT_FOUND', `No plugin "${pluginId}" is loaded`, { statusCode: 404 });
  if (!source.enabled) throw new CoreError('PF_ERR_PLUGIN_DISABLED', `Plugin "${pluginId}" is disabled; enable it first`, { statusCode: 409 });

  const busy = await scheduler.crawlInFlight(source.id);
  if (busy) throw busyError(pluginId, busy);

  const log = em.create(ScrapeLog, { source: source.id, status: 'queued', trigger, pluginVersion: plugin.definition.version, startedAt: new Date() });
  await em.flush();
  const data: CrawlJobData = { sourceId: source.id, pluginId, trigger, runId: log.id };
  let jobId: string | null = null;
  try {
    jobId = await boss.send(CRAWL_QUEUE, data, { singletonKey: source.id });
  } finally {
    if (!jobId) {
      // Refused (or failed): the run never existed.
      await em.nativeDelete(ScrapeLog, { id: log.id });
    }
  }
  if (!jobId) {
    const raced = await scheduler.crawlInFlight(source.id);
    throw busyError(pluginId, raced ?? { jobId: '', state: 'queued' });
  }
  return { runId: log.id, jobId, sourceId: source.id };
}

function busyError(pluginId: string, busy: CrawlInFlight): CoreError {
  const running = busy.state === 'running';
  return new CoreError(
    running ? 'PF_ERR_CRAWL_RUNNING' : 'PF_ERR_CRAWL_QUEUED',
    `A crawl of "${pluginId}" is already ${running ? 'running' : 'queued'}`,
    { statusCode: 409, details: { runId: busy.runId } },
  );
}
