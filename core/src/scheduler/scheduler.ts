import PgBoss from 'pg-boss';
import type { MikroORM } from '@mikro-orm/postgresql';
import { silentLogger, type DelayCoordinator, type Logger } from '@pathfinder/sdk';
import { CoreError } from '../errors/codes.js';
import type { CrawlOptions } from '../engine/crawl-runner.js';
import type { PluginRegistry } from '../engine/plugin-registry.js';
import { DEFAULT_TIMEZONE, assertCron } from './cron.js';
import { createCrawlJobHandler, orphanedRunEnding, type CrawlFinishedListener, type RunningCrawl } from './crawl-job-handler.js';
import { crawlInFlight, enqueueCrawl, type CrawlInFlight, type EnqueueResult } from './enqueue-crawl.js';
import { PostgresDelayCoordinator, releaseHostsHeldBy } from './postgres-delay-coordinator.js';
import { isCrawlLeaseHeld } from './crawl-lease.js';
import { DatabaseWatch } from '../db/database-watch.js';
import { DataSource, ScrapeLog } from '../db/entities/index.js';
import {
  CRAWL_QUEUE, scheduleQueueName, type CrawlJobData, type CrawlTrigger, type ScheduleTickData,
} from './queues.js';
import * as control from './plugin-control.js';

/** pg-boss keeps a job at most 24 h; a crawl is cut (aborted) a little before, so it never runs twice. */
const MAX_EXPIRE_SECONDS = 23 * 3600;
/** An active crawl job without its lease for longer than this is an orphan. */
const ORPHAN_GRACE_MS = 60_000;
/** How often a worker looks for orphaned crawls (whose worker was killed) to retry them. */
const ORPHAN_SWEEP_MS = 20_000;

/** The advisory-lock key that serialises pg-boss schema and queue creation across processes ('pfbs'). */
const PGBOSS_SETUP_LOCK = 0x70666273;

export interface SchedulerOptions {
  connectionString: string;
  orm: MikroORM;
  /** The plugins this process loaded (schedules follow them; workers run them). */
  registry: Pick<PluginRegistry, 'plugins' | 'get'>;
  /**
   * `worker` runs handlers, cron and pg-boss maintenance; `send-only` (an API process without a
   * worker) only enqueues runs and edits schedules. Default `worker`.
   */
  mode?: 'worker' | 'send-only';
  /**
   * Whether this worker fires cron schedules (pg-boss makes sure only one worker does at a time).
   * Default true in a worker; tests turn it off so no schedule fires mid-test.
   */
  cron?: boolean;
  /** Postgres schema of pg-boss's tables. Default `pgboss`. */
  schema?: string;
  /** Time zone of plugin schedules and of `nextRunAt`. Default America/Toronto. */
  timezone?: string;
  /** Failed runs in a row before a plugin is paused. Default 5. */
  maxConsecutiveFailures?: number;
  /** pg-boss retries of a run that failed for a retryable reason. Default 3 retries, 60 s, exponential backoff. */
  retry?: { limit?: number; delaySeconds?: number; backoff?: boolean };
  /** Crawls one worker process runs at once (of different sources). Default 2. */
  crawlConcurrency?: number;
  /** How often idle workers look for jobs. Default 2 s (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** How often a running crawl looks whether its plugin was disabled. Default 3000 ms. */
  cancelPollMs?: number;
  /** A crawl still running after this long is aborted. Default 23 h, just under pg-boss's 24 h job limit. */
  maxRunSeconds?: number;
  /** Options for every crawl this worker runs (tests pass a fake clock, a transport…). */
  crawlDefaults?: Partial<Pick<CrawlOptions, 'clock' | 'transport' | 'stallMs' | 'log' | 'originMap' | 'batchSize' | 'resolveHost'>>;
  /**
   * Private hosts crawls and link checks may reach, and that an admin may save as a plugin's
   * baseUrl (PATHFINDER_ALLOWED_PRIVATE_HOSTS). Default none.
   */
  allowedPrivateHosts?: readonly string[];
  /**
   * How often a worker looks for crawls whose worker died (killed, lost its machine): each is
   * aborted and queued again as a `retry` run. Default 20 s; `false` turns the sweep off.
   */
  orphanSweepMs?: number | false;
  /** How long after a worker took a crawl job it must hold the job's lease (default 60 s). */
  orphanGraceMs?: number;
  /**
   * Where this process notes that its database went away (and learns it came back): the server
   * runtime passes its one watch. Default: a watch of the scheduler's own.
   */
  databaseWatch?: DatabaseWatch;
  /** Cross-worker delay coordination per crawl; `false` for none. Default: Postgres `host_slots`. */
  coordinator?: false | ((signal: AbortSignal) => DelayCoordinator);
  log?: Logger;
}

/** A pg-boss job as handlers receive it (with its retry count and state). */
export type QueueJob<T> = PgBoss.JobWithMetadata<T>;
export type QueueHandler<T> = (jobs: QueueJob<T>[]) => Promise<unknown>;

export interface HandlerOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /** How many loops fetch this queue at once in this process. Default 1. */
  concurrency?: number;
  /** Queue settings (policy, retries, expiry) applied when the queue is created or updated. */
  queue?: Omit<PgBoss.Queue, 'name'>;
}

interface Registration {
  queue: string;
  handler: QueueHandler<unknown>;
  options: HandlerOptions;
}

/**
 * The engine's clock and queue, on pg-boss 10: one cron schedule per enabled, unpaused plugin,
 * the `crawl` queue (at most one crawl per source at a time, retries with backoff, auto-pause after
 * repeated failures), and hooks for other modules' queues and cron jobs. Any number of worker
 * processes may run it against one database; an API process runs it `send-only`.
 *
 * @example
 * const scheduler = new Scheduler({ connectionString: db.url, orm, registry });
 * await scheduler.start();
 * await scheduler.syncSchedules();
 * const { runId } = await scheduler.enqueueCrawl('civicjobs', 'manual');
 */
export class Scheduler {
  readonly mode: 'worker' | 'send-only';
  readonly timezone: string;
  readonly maxConsecutiveFailures: number;
  readonly log: Logger;
  /** Whether the database answers; crawls interrupted by its loss wait on it before ending their run. */
  readonly databaseWatch: DatabaseWatch;
  private readonly ownsWatch: boolean;
  private readonly boss: PgBoss;
  private readonly schema: string;
  private readonly registrations: Registration[] = [];
  private readonly running = new Map<string, RunningCrawl>();
  private readonly listeners: CrawlFinishedListener[] = [];
  private readonly stopping = new AbortController();
  private state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  private starting?: Promise<void>;
  private orphanSweep?: NodeJS.Timeout;

  constructor(readonly options: SchedulerOptions) {
    this.mode = options.mode ?? 'worker';
    this.timezone = options.timezone ?? DEFAULT_TIMEZONE;
    this.maxConsecutiveFailures = options.maxConsecutiveFailures ?? 5;
    this.log = options.log ?? silentLogger;
    this.schema = options.schema ?? 'pgboss';
    const worker = this.mode === 'worker';
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: this.schema,
      // A send-only process neither fires cron nor runs maintenance: the workers do.
      schedule: worker && options.cron !== false,
      supervise: worker,
      max: worker ? 6 : 3,
      application_name: `pathfinder-${this.mode}`,
    });
    this.ownsWatch = !options.databaseWatch;
    this.databaseWatch = options.databaseWatch ?? new DatabaseWatch(options.connectionString, { log: this.log });
    // pg-boss's loops (fetching jobs, maintenance, cron) emit their failures and keep polling: a lost
    // database is one "database lost" line until it is back, not a line per poll; anything else is an error.
    this.boss.on('error', (error) => {
      if (!this.databaseWatch.report(error, 'pg-boss')) this.log.error('pg-boss error', { message: error.message });
    });
  }

  get orm(): MikroORM {
    return this.options.orm;
  }

  get registry(): SchedulerOptions['registry'] {
    return this.options.registry;
  }

  /** Aborted when the scheduler stops: long handlers (link check, digests) should pass it on. */
  get shutdownSignal(): AbortSignal {
    return this.stopping.signal;
  }

  get isStarted(): boolean {
    return this.state === 'started';
  }

  /** Connects (installing pg-boss's schema on first use), creates the queues, starts the workers. */
  async start(): Promise<void> {
    if (this.state === 'started') return;
    if (this.state === 'stopped') throw new Error('Scheduler: a stopped scheduler cannot start again');
    this.starting ??= (async () => {
      this.state = 'starting';
      await this.underSetupLock(() => this.boss.start());
      await this.ensureQueue(CRAWL_QUEUE, this.crawlQueueOptions());
      const onCrawl = createCrawlJobHandler(this, this.running, this.listeners);
      this.registrations.unshift({ queue: CRAWL_QUEUE, handler: onCrawl as QueueHandler<unknown>, options: { concurrency: this.options.crawlConcurrency ?? 2 } });
      for (const plugin of this.registry.plugins) {
        this.registrations.push({
          queue: scheduleQueueName(plugin.id),
          handler: ((jobs: QueueJob<ScheduleTickData>[]) => this.onScheduleTick(jobs)) as QueueHandler<unknown>,
          options: { queue: { retryLimit: 0, expireInSeconds: 300 } },
        });
      }
      for (const r of this.registrations) await this.applyRegistration(r);
      this.state = 'started';
      const sweepMs = this.options.orphanSweepMs ?? ORPHAN_SWEEP_MS;
      if (this.mode === 'worker' && sweepMs !== false) {
        // Without this, a killed worker's crawl stays `active` until someone asks for the source's
        // next run or the next cron tick (hours), and pg-boss alone would wait for the job's expiry.
        let sweeping = false;
        this.orphanSweep = setInterval(() => {
          // One sweep at a time: while the database is away each one waits on a connection.
          if (sweeping || this.databaseWatch.isLost) return;
          sweeping = true;
          this.retryOrphanedCrawls()
            .catch((error: Error) => {
              if (!this.databaseWatch.report(error, 'orphan sweep')) this.log.warn('orphan sweep failed', { message: error.message });
            })
            .finally(() => (sweeping = false));
        }, sweepMs);
        this.orphanSweep.unref();
      }
    })();
    await this.starting;
  }

  /** Aborts the crawls running here (they end `aborted` and are retried later), then stops pg-boss. */
  async stop(): Promise<void> {
    if (this.state === 'new' || this.state === 'stopped') {
      this.state = 'stopped';
      return;
    }
    await this.starting?.catch(() => undefined);
    this.state = 'stopped';
    clearInterval(this.orphanSweep);
    this.stopping.abort();
    for (const run of this.running.values()) run.cancel('shutdown');
    await this.boss.stop({ graceful: true, timeout: 15_000, wait: true });
    if (this.ownsWatch) this.databaseWatch.stop();
  }

  /**
   * Runs `handler` for every job of `queue` (in a worker; a send-only scheduler only creates the
   * queue). Call before or after `start`. The handler gets an array (pg-boss 10); throwing fails the
   * jobs, which pg-boss retries per the queue's retry settings.
   *
   * @example
   * scheduler.registerHandler(ALERTS_DIGEST_QUEUE, async (jobs) => { for (const job of jobs) await sendDigests(job.data) });
   */
  async registerHandler<T>(queue: string, handler: QueueHandler<T>, options: HandlerOptions = {}): Promise<void> {
    const registration = { queue, handler: handler as QueueHandler<unknown>, options };
    this.registrations.push(registration);
    if (this.state === 'started') await this.applyRegistration(registration);
  }

  /**
   * Creates or updates the cron schedule `name` (which is also the queue it sends to, in pg-boss 10).
   *
   * @example
   * await scheduler.ensureSchedule('alerts-digest', '0 8 * * *', { frequency: 'daily' }, { tz: 'America/Toronto' });
   */
  async ensureSchedule(name: string, cron: string, data: object = {}, options: { tz?: string } = {}): Promise<void> {
    const tz = options.tz ?? this.timezone;
    assertCron(cron, tz);
    this.assertStarted();
    await this.ensureQueue(name);
    await this.boss.schedule(name, cron, data, { tz });
  }

  async removeSchedule(name: string): Promise<void> {
    this.assertStarted();
    await this.boss.unschedule(name);
  }

  /** Every cron schedule stored in pg-boss (any process's). */
  async schedules(): Promise<{ name: string; cron: string; timezone: string; data: unknown }[]> {
    this.assertStarted();
    const rows = (await this.boss.getSchedules()) as unknown as { name: string; cron: string; timezone: string; data: unknown }[];
    return rows.map((r) => ({ name: r.name, cron: r.cron, timezone: r.timezone, data: r.data }));
  }

  /**
   * Creates `queue` with `options` (or brings an existing one to them): for a process that sends to
   * a queue whose handler runs elsewhere, so the queue has its policy before the first send.
   */
  async prepareQueue(queue: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    this.assertStarted();
    await this.ensureQueue(queue, options);
  }

  /** Sends a job (the queue is created first, so nothing is dropped silently). Null when a singleton refused it. */
  async send(queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    this.assertStarted();
    await this.ensureQueue(queue);
    return this.boss.send(queue, data, options);
  }

  /** Enqueues a crawl of `pluginId`: 409 when disabled or one is already queued/running. */
  async enqueueCrawl(pluginId: string, trigger: CrawlTrigger = 'manual'): Promise<EnqueueResult> {
    this.assertStarted();
    return enqueueCrawl(this, this.boss, pluginId, trigger);
  }

  /**
   * The crawl of `sourceId` that is queued or running, if any (from pg-boss, so across workers). A
   * job pg-boss still calls active whose worker died (its lease is gone) is cancelled here instead
   * of blocking the source until the job expires.
   */
  async crawlInFlight(sourceId: string): Promise<CrawlInFlight | undefined> {
    this.assertStarted();
    const found = await crawlInFlight(this.boss, this.schema, sourceId);
    if (!found || !(await this.cancelIfOrphaned(sourceId, found))) return found;
    return crawlInFlight(this.boss, this.schema, sourceId);
  }

  /** Cancels `found` and aborts its run log when its worker is gone (the lease is free after the grace). */
  private async cancelIfOrphaned(sourceId: string, found: CrawlInFlight): Promise<boolean> {
    // The grace covers the moment between pg-boss handing out the job and the worker taking the lease.
    const settled = found.startedOn && Date.now() - found.startedOn.getTime() > (this.options.orphanGraceMs ?? ORPHAN_GRACE_MS);
    if (found.state !== 'running' || !settled || this.running.has(sourceId) || (await isCrawlLeaseHeld(this.orm, sourceId))) return false;
    await this.boss.cancel(CRAWL_QUEUE, found.jobId);
    // Its request cut by the kill never gave its host back: the retry need not wait out the hold.
    await releaseHostsHeldBy(this.orm, sourceId);
    if (found.runId) {
      await this.orm.em.fork().nativeUpdate(ScrapeLog, { id: found.runId, status: { $in: ['queued', 'running'] } }, orphanedRunEnding());
    }
    this.log.warn('orphaned crawl job cancelled (its worker is gone)', { sourceId, jobId: found.jobId, runId: found.runId });
    return true;
  }

  /**
   * The worker's orphan sweep: every crawl job pg-boss calls active whose worker is gone is
   * cancelled, its run log ends `aborted`, and the source is queued again as a `retry` run.
   * Returns the retried sources' ids.
   */
  async retryOrphanedCrawls(): Promise<string[]> {
    this.assertStarted();
    const { rows } = await this.boss.getDb().executeSql(
      `select distinct singleton_key as source_id from ${this.schema}.job where name = $1 and state = 'active' and singleton_key is not null`,
      [CRAWL_QUEUE],
    );
    const retried: string[] = [];
    for (const { source_id: sourceId } of rows as { source_id: string }[]) {
      const found = await crawlInFlight(this.boss, this.schema, sourceId);
      if (!found || !(await this.cancelIfOrphaned(sourceId, found))) continue;
      const source = await this.orm.em.fork().findOne(DataSource, sourceId, { fields: ['pluginId'] });
      if (!source?.pluginId || !this.registry.get(source.pluginId)) continue;
      try {
        await this.enqueueCrawl(source.pluginId, 'retry');
        retried.push(sourceId);
      } catch (error) {
        // Disabled or paused meanwhile, or another worker's sweep queued it first: nothing to do.
        if (!(error instanceof CoreError)) throw error;
      }
    }
    return retried;
  }

  /** Called after every crawl a worker of this process runs (instant alerts hang here). */
  onCrawlFinished(listener: CrawlFinishedListener): void {
    this.listeners.push(listener);
  }

  /** Adds or removes plugin schedules to match the DataSource rows (enabled, unpaused, schedule). */
  syncSchedules(): Promise<{ added: string[]; removed: string[] }> {
    this.assertStarted();
    return control.syncSchedules(this);
  }

  /** Brings one plugin's schedule in line with its row. */
  syncSchedule(pluginId: string): Promise<'added' | 'updated' | 'removed' | 'unchanged'> {
    this.assertStarted();
    return control.syncSchedule(this, pluginId);
  }

  /** Applies an admin change to a plugin (enable/disable, schedule override, config, pause) and its schedule. */
  updatePlugin(pluginId: string, patch: control.PluginPatch): Promise<control.PluginStatus> {
    this.assertStarted();
    return control.updatePlugin(this, pluginId, patch);
  }

  /** Every loaded plugin (or those of `pluginIds`) with its settings, next run and last run. */
  listPlugins(now = new Date(), pluginIds?: string[]): Promise<control.PluginStatus[]> {
    const plugins = pluginIds ? this.registry.plugins.filter((p) => pluginIds.includes(p.id)) : this.registry.plugins;
    return control.listPlugins(this, now, plugins);
  }

  /** Cancels the queued (not yet running) crawl jobs of a source. */
  async cancelQueuedCrawls(sourceId: string): Promise<number> {
    this.assertStarted();
    const { rows } = await this.boss.getDb().executeSql(
      `select id from ${this.schema}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry')`,
      [CRAWL_QUEUE, sourceId],
    );
    const ids = rows.map((r) => r.id as string);
    if (ids.length) await this.boss.cancel(CRAWL_QUEUE, ids);
    return ids.length;
  }

  /** Aborts the crawl of `sourceId` if this process runs it (other workers notice by polling). */
  cancelLocalCrawl(sourceId: string, reason: 'disabled' | 'shutdown' = 'disabled'): boolean {
    const run = this.running.get(sourceId);
    run?.cancel(reason);
    return run !== undefined;
  }

  /** A coordinator for one crawl (of `sourceId`, named as the holder of the hosts it takes), or undefined when coordination is off. */
  coordinatorFor(signal: AbortSignal, sourceId?: string): DelayCoordinator | undefined {
    if (this.options.coordinator === false) return undefined;
    if (this.options.coordinator) return this.options.coordinator(signal);
    return new PostgresDelayCoordinator(this.orm, { clock: this.options.crawlDefaults?.clock, signal, holder: sourceId });
  }

  /** Seconds after which the crawl queue expires a job (and a crawl is aborted a minute before). */
  get crawlExpireSeconds(): number {
    return Math.min(MAX_EXPIRE_SECONDS, Math.max(120, (this.options.maxRunSeconds ?? MAX_EXPIRE_SECONDS - 60) + 60));
  }

  private crawlQueueOptions(): Omit<PgBoss.Queue, 'name'> {
    const retry = this.options.retry ?? {};
    return {
      // stately: one created, one retrying and one active job per singletonKey (the source id).
      policy: 'stately',
      retryLimit: retry.limit ?? 3,
      retryDelay: retry.delaySeconds ?? 60,
      retryBackoff: retry.backoff ?? true,
      expireInSeconds: this.crawlExpireSeconds,
      retentionMinutes: 7 * 24 * 60,
    };
  }

  private async ensureQueue(name: string, options?: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    await this.underSetupLock(async () => {
      await this.boss.createQueue(name, { name, ...options });
      // createQueue keeps an existing queue's settings; a changed configuration must still apply.
      if (options) await this.boss.updateQueue(name, { name, ...options });
    });
  }

  /**
   * Runs pg-boss's schema and queue creation while holding a transaction-level advisory lock (on one
   * of the ORM's connections), so that several processes starting at once on a fresh database take
   * turns: their concurrent DDL (queue partitions) deadlocked 2 runs of 3 (`deadlock detected` in
   * createQueue). Every caller is a pg-boss call on its own pool; the lock only orders them.
   */
  private async underSetupLock<T>(work: () => Promise<T>): Promise<T> {
    const knex = this.orm.em.getConnection().getKnex();
    return knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [PGBOSS_SETUP_LOCK]);
      return work();
    });
  }

  private async applyRegistration(r: Registration): Promise<void> {
    await this.ensureQueue(r.queue, r.options.queue);
    if (this.mode !== 'worker') return;
    const work = {
      includeMetadata: true as const,
      batchSize: r.options.batchSize ?? 1,
      pollingIntervalSeconds: r.options.pollingIntervalSeconds ?? this.options.pollingIntervalSeconds ?? 2,
    };
    for (let i = 0; i < (r.options.concurrency ?? 1); i++) await this.boss.work(r.queue, work, r.handler);
  }

  private async onScheduleTick(jobs: QueueJob<ScheduleTickData>[]): Promise<void> {
    for (const job of jobs) await control.onScheduleTick(this, job.data.pluginId);
  }

  private assertStarted(): void {
    if (this.state !== 'started' && this.state !== 'starting') {
      throw new CoreError('PF_ERR_SCHEDULER_UNAVAILABLE', 'The scheduler is not running in this process', { statusCode: 503 });
    }
  }
}

export type { CrawlJobData };
