import type { MikroORM } from '@mikro-orm/postgresql';
import {
  AbortedError, PoliteFetcher, createCrawlContext, isPathfinderError, mirrorOriginMap, resolveConfig, silentLogger, systemClock,
  type Clock, type DelayCoordinator, type Logger, type RequestRecord, type Transport,
} from '@pathfinder/sdk';
import { DataSource, ScrapeLog, type IDataSource, type ScrapeStatus } from '../db/entities/index.js';
import { CoreError } from '../errors/codes.js';
import { preparePosting, type PreparedJob } from '../pipeline/index.js';
import { archiveUnseen, writeJobBatch } from './job-writer.js';
import type { LoadedPlugin } from './plugin-registry.js';
import { SourceMemory } from './source-memory.js';
import { StallGuard } from './stall-guard.js';
import { syncDataSources } from './sync-data-sources.js';

export interface CrawlCounts {
  found: number;
  added: number;
  updated: number;
  unchanged: number;
  archived: number;
  skipped: number;
  invalid: number;
}

export interface CrawlOptions {
  plugin: LoadedPlugin;
  /** The database to store into; omit with `dryRun`. */
  orm?: MikroORM;
  /** Run the plugin and the whole pipeline, store nothing (no database needed). */
  dryRun?: boolean;
  /** Point the plugin's baseUrl elsewhere (a mirror, recorded pages). Wins over the stored config's `baseUrl`. */
  baseUrl?: string;
  /** Other origins the plugin talks to, rewritten (politeness applies to the mapped hosts). */
  originMap?: Record<string, string>;
  /** Config values on top of the stored ones (validated against the plugin's configSchema). */
  config?: Record<string, unknown>;
  /** Stop after this many postings; a limited run is incomplete, so it archives nothing. */
  limit?: number;
  trigger?: 'schedule' | 'manual' | 'cli' | 'retry';
  /** Cancels the run (e.g. the plugin was disabled): it ends `aborted` at the next request. */
  signal?: AbortSignal;
  /** No posting and no request for this long aborts the run (PF_ERR_CRAWL_TIMEOUT). Default 600 s. */
  stallMs?: number;
  clock?: Clock;
  transport?: Transport;
  coordinator?: DelayCoordinator;
  log?: Logger;
  /** Each prepared posting, as it would be stored (the CLI prints these). */
  onPosting?: (job: PreparedJob) => void;
  onRequest?: (request: RequestRecord) => void;
  /** Postings per database batch (default 500). */
  batchSize?: number;
  /** Allow a disabled plugin to run (the CLI's explicit `crawl <id>`). */
  allowDisabled?: boolean;
  /** A `ScrapeLog` created when the run was enqueued (status `queued`): this run fills it instead of creating one. */
  runId?: string;
  /** Days a posting's details stay fresh for `ctx.isFresh`; default the manifest's `maxDetailAgeDays`, else 7. */
  maxDetailAgeDays?: number;
}

export interface CrawlResult {
  runId?: string;
  sourceId?: string;
  status: Exclude<ScrapeStatus, 'running' | 'queued'>;
  counts: CrawlCounts;
  requests: number;
  durationMs: number;
  error?: { code: string; message: string; retryable: boolean };
  /** Ids of the jobs this run added (for instant alerts). */
  addedIds: string[];
}

const SAMPLE_LIMIT = 20;

/** The plugin's stored config minus the engine-level `baseUrl` key, which every plugin accepts. */
function splitConfig(raw: Record<string, unknown>): { baseUrl?: string; rest: Record<string, unknown> } {
  const { baseUrl, ...rest } = raw;
  return { baseUrl: typeof baseUrl === 'string' && baseUrl ? baseUrl : undefined, rest };
}

/**
 * Runs one crawl of one plugin: its postings through the pipeline into Postgres (or nowhere, dry),
 * with a `ScrapeLog` from `running` to its end. A plugin that throws fails its own run and nothing
 * else; one that stops making progress is aborted. Only a complete successful run archives the
 * source's jobs it did not see.
 */
export async function runCrawl(options: CrawlOptions): Promise<CrawlResult> {
  const { plugin } = options;
  const def = plugin.definition;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const started = clock.now();
  const counts: CrawlCounts = { found: 0, added: 0, updated: 0, unchanged: 0, archived: 0, skipped: 0, invalid: 0 };
  const addedIds: string[] = [];
  const skippedSamples: { title?: string; reason: string }[] = [];
  const invalidSamples: { errors: string[] }[] = [];

  if (!options.dryRun && !options.orm) throw new Error('runCrawl: an ORM is required unless dryRun is set');
  const orm = options.dryRun ? undefined : options.orm;

  // The source row: registered on first sight, its admin settings (enabled, config) read from it.
  let source: IDataSource | undefined;
  if (orm) {
    const em = orm.em.fork();
    source = (await em.findOne(DataSource, { pluginId: plugin.id })) ?? (await syncDataSources(em, [plugin])).get(plugin.id);
    if (source && !source.enabled && !options.allowDisabled) {
      throw new CoreError('PF_ERR_PLUGIN_DISABLED', `Plugin "${plugin.id}" is disabled`, { statusCode: 409 });
    }
  }
  const stored = splitConfig(source?.pluginConfig ?? {});
  const overrides = splitConfig(options.config ?? {});
  const config = resolveConfig(def, { ...stored.rest, ...overrides.rest });
  const baseUrl = options.baseUrl ?? overrides.baseUrl ?? stored.baseUrl ?? def.baseUrl;

  let runId: string | undefined;
  if (orm && source) {
    const em = orm.em.fork();
    const queued = options.runId ? await em.findOne(ScrapeLog, { id: options.runId, source: source.id }) : null;
    const row = queued
      ? em.assign(queued, { status: 'running', pluginVersion: def.version, startedAt: new Date(started) })
      : em.create(ScrapeLog, { source: source.id, status: 'running', trigger: options.trigger ?? 'manual', pluginVersion: def.version, startedAt: new Date(started) });
    await em.flush();
    runId = row.id;
  }

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(new AbortedError(`Crawl of "${plugin.id}" was cancelled`));
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const stall = new StallGuard(options.stallMs ?? 600_000, () =>
    abort.abort(new CoreError('PF_ERR_CRAWL_TIMEOUT', `Crawl of "${plugin.id}" made no progress for ${Math.round((options.stallMs ?? 600_000) / 1000)} s and was aborted`)),
  );

  let requests = 0;
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: def.crawlDelaySeconds, disallowedPaths: def.disallowedPaths },
    clock,
    // A mirror (--base-url) stands in for the real site, so the site's own links are fetched from it.
    originMap: { ...mirrorOriginMap(def, baseUrl), ...options.originMap },
    signal: abort.signal,
    coordinator: options.coordinator,
    transport: options.transport,
    onRequest: (r) => {
      requests++;
      stall.progress();
      options.onRequest?.(r);
    },
  });
  const state = structuredClone(source?.crawlState ?? {}) as Record<string, unknown>;
  // What earlier runs stored (ctx.known, ctx.stillListed, conditional fetches); nothing on a dry run.
  const memory = orm && source ? await SourceMemory.load(orm.em.getConnection(), source.id, new Date(started), options.maxDetailAgeDays ?? def.maxDetailAgeDays) : undefined;
  const ctx = createCrawlContext({ fetcher, baseUrl, config, state, log, signal: abort.signal, clock, memory });

  let batch: PreparedJob[] = [];
  // One write in flight while the plugin and the pipeline prepare the next batch: the CPU-bound
  // stages and the database overlap instead of taking turns.
  let inFlight: Promise<void> | undefined;
  const write = async (jobs: PreparedJob[]) => {
    const written = await writeJobBatch(orm!.em.getConnection(), source!.id, jobs, new Date(started));
    counts.added += written.added;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    counts.skipped += written.duplicates;
    addedIds.push(...written.addedIds);
  };
  const flush = async (final = false) => {
    await inFlight;
    inFlight = undefined;
    if (!orm || !source || batch.length === 0) return;
    const jobs = batch;
    batch = [];
    if (final) await write(jobs);
    else {
      inFlight = write(jobs);
      inFlight.catch(() => undefined);
    }
  };

  let status: CrawlResult['status'] = 'success';
  let failure: CrawlResult['error'];
  let limited = false;
  const iterator = def.crawl(ctx)[Symbol.asyncIterator]();
  // Racing every step against the abort lets a plugin stuck on a promise that never settles be left behind.
  const aborted = new Promise<never>((_, reject) => {
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  stall.start();
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted]);
      if (step.done) break;
      stall.progress();
      counts.found++;
      const prepared = preparePosting(step.value, { sourceId: plugin.id, now: new Date(clock.now()) });
      if (prepared.kind === 'job') {
        options.onPosting?.(prepared.job);
        batch.push(prepared.job);
        if (batch.length >= (options.batchSize ?? 500)) await flush();
      } else if (prepared.kind === 'skipped') {
        counts.skipped++;
        if (skippedSamples.length < SAMPLE_LIMIT) skippedSamples.push({ title: (step.value as { title?: string })?.title, reason: prepared.reason });
      } else {
        counts.invalid++;
        log.warn('invalid posting', { errors: prepared.errors });
        if (invalidSamples.length < SAMPLE_LIMIT) invalidSamples.push({ errors: prepared.errors });
      }
      if (options.limit !== undefined && counts.found >= options.limit) {
        limited = true;
        break;
      }
    }
    if (abort.signal.aborted) throw abort.signal.reason;
    await flush(true);
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    status = abort.signal.aborted ? 'aborted' : 'failed';
    failure = describeError(reason);
  } finally {
    await inFlight?.catch(() => undefined);
    stall.stop();
    options.signal?.removeEventListener('abort', onOuterAbort);
    // Let the plugin run its `finally` blocks; a hung one is not awaited.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }

  if (memory && orm) {
    // Still-listed postings are seen before anything is archived.
    const listed = await memory.settle(orm.em.getConnection(), new Date(started));
    counts.found += listed;
    counts.unchanged += listed;
  }
  if (status === 'success' && orm && source && !limited) {
    counts.archived = await archiveUnseen(orm.em.getConnection(), source.id, new Date(started));
    await memory?.saveValidators(orm.em.getConnection(), new Date(started));
  }
  const durationMs = Math.max(0, clock.now() - started);

  if (orm && source && runId) {
    const em = orm.em.fork();
    const row = await em.findOneOrFail(ScrapeLog, runId);
    em.assign(row, {
      status,
      completedAt: new Date(),
      durationMs,
      jobsFound: counts.found,
      jobsAdded: counts.added,
      jobsUpdated: counts.updated,
      jobsUnchanged: counts.unchanged,
      jobsArchived: counts.archived,
      jobsSkipped: counts.skipped,
      jobsInvalid: counts.invalid,
      requests,
      errorMessage: failure?.message ?? null,
      errorCode: failure?.code ?? null,
      details: { skipped: skippedSamples, invalid: invalidSamples, limited },
    });
    const sourceRow = await em.findOneOrFail(DataSource, source.id);
    if (status === 'success') {
      // The cursor is saved only after a successful run, so a failed run is retried from the same place.
      sourceRow.crawlState = state;
      sourceRow.consecutiveFailures = 0;
    } else if (!(status === 'aborted' && options.signal?.aborted)) {
      // A run cancelled from outside (plugin disabled, worker shutting down) is not the source's failure.
      sourceRow.consecutiveFailures += 1;
    }
    await em.flush();
  }

  return { runId, sourceId: source?.id, status, counts, requests, durationMs, error: failure, addedIds };
}

function describeError(error: unknown): NonNullable<CrawlResult['error']> {
  if (error instanceof CoreError) return { code: error.code, message: error.message, retryable: error.code === 'PF_ERR_CRAWL_TIMEOUT' };
  if (isPathfinderError(error)) {
    return { code: error.code, message: error.message, retryable: error.name === 'RetryableError' || error.code === 'PF_ERR_RETRYABLE' || error.code === 'PF_ERR_ROBOTS_UNAVAILABLE' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PF_ERR_PLUGIN_CRASHED', message: `The plugin threw: ${message}`, retryable: true };
}
