import type { MikroORM } from '@mikro-orm/postgresql';
import {
  AbortedError, PoliteFetcher, allowListProblem, createCrawlContext, mirrorOriginMap, resolveConfig, silentLogger, systemClock,
  type Clock, type CrawlContext, type Logger, type SourceDefinition,
} from '@pathfinder/sdk';
import { DataSource, ScrapeLog, type IDataSource } from '../../db/entities/index.js';
import { CoreError } from '../../errors/codes.js';
import type { CrawlOptions } from '../crawl-runner.js';
import { CrawlTimeoutError } from '../run-outcome.js';
import { RunProgressTracker } from '../run-progress.js';
import { SourceMemory } from '../source-memory.js';
import { StallGuard } from '../stall-guard.js';
import { syncDataSources } from '../sync-data-sources.js';

/** Everything a run's later steps share, built by {@link prepareRun}. */
export interface PreparedRun {
  options: CrawlOptions;
  def: SourceDefinition;
  orm?: MikroORM;
  source?: IDataSource;
  runId?: string;
  clock: Clock;
  log: Logger;
  /** Clock time the run started: jobs not written since then were not seen by it. */
  started: number;
  /** Fires on a stall or a cancellation from outside; the stream step races every step against it. */
  abort: AbortController;
  stall: StallGuard;
  progress: RunProgressTracker;
  ctx: CrawlContext;
  /** The plugin's cursor, saved after the run if the outcome says so. */
  state: Record<string, unknown>;
  /** Reasons given through `ctx.markIncomplete`. */
  incomplete: string[];
  /** What earlier runs stored (ctx.known, ctx.stillListed, conditional fetches); none on a dry run. */
  memory?: SourceMemory;
  /** Detaches from the caller's signal and stops the timers. */
  release(): void;
}

/** The plugin's stored config minus the engine-level `baseUrl` key, which every plugin accepts. */
function splitConfig(raw: Record<string, unknown>): { baseUrl?: string; rest: Record<string, unknown> } {
  const { baseUrl, ...rest } = raw;
  return { baseUrl: typeof baseUrl === 'string' && baseUrl ? baseUrl : undefined, rest };
}

/** The hosts of base URLs the operator gave for this run (a malformed one is left to fail at its first request). */
function operatorHosts(...urls: (string | undefined)[]): string[] {
  return urls.flatMap((u) => {
    if (!u || !URL.canParse(u)) return [];
    const host = new URL(u).hostname.replace(/^\[(.*)\]$/, '$1');
    return allowListProblem([host]) === undefined ? [host] : [];
  });
}

/**
 * Step 1: the source row (registered on first sight; refused if disabled), the config resolved
 * from the stored settings and the caller's overrides, the `ScrapeLog` row set `running`, and the
 * plugin's `ctx` with its polite fetcher, abort wiring, stall guard and progress counters.
 */
export async function prepareRun(options: CrawlOptions): Promise<PreparedRun> {
  const { plugin } = options;
  const def = plugin.definition;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const started = clock.now();

  if (!options.dryRun && !options.orm) throw new Error('runCrawl: an ORM is required unless dryRun is set');
  const orm = options.dryRun ? undefined : options.orm;

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
  const stallMs = options.stallMs ?? 600_000;
  const stall = new StallGuard(stallMs, () =>
    abort.abort(new CrawlTimeoutError(`Crawl of "${plugin.id}" made no progress for ${Math.round(stallMs / 1000)} s and was aborted`)),
  );

  const progress = new RunProgressTracker({
    clock,
    startedAt: started,
    onChange: options.onProgress,
    persistEveryMs: options.progressEveryMs,
    persist: orm && runId
      ? async (p) => {
        // Only while running: a write that lost the race with the run's end must not bring counters back.
        await orm.em.fork().nativeUpdate(ScrapeLog, { id: runId, status: 'running' }, { progress: p, requests: p.requests, jobsFound: p.postings });
      }
      : undefined,
    onPersistError: (e) => log.warn('could not store the run\'s progress', { message: (e as Error).message }),
  });

  const memory = orm && source
    ? await SourceMemory.load(orm.em.getConnection(), source.id, new Date(started), options.maxDetailAgeDays ?? def.maxDetailAgeDays)
    : undefined;
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: def.crawlDelaySeconds, disallowedPaths: def.disallowedPaths },
    clock: progress.watchClock(clock),
    // A mirror (--base-url) stands in for the real site, so the site's own links are fetched from it.
    originMap: { ...mirrorOriginMap(def, baseUrl), ...options.originMap },
    signal: abort.signal,
    coordinator: options.coordinator,
    transport: options.transport,
    // The mirror map includes a stored (admin-written) baseUrl: only what the operator gave this run is allowed implicitly.
    allowMappedOrigins: false,
    allowedPrivateHosts: [
      ...(options.allowedPrivateHosts ?? []),
      ...operatorHosts(options.baseUrl, overrides.baseUrl, ...Object.values(options.originMap ?? {})),
    ],
    resolveHost: options.resolveHost,
    // robots.txt read by an earlier run in the last 24 hours is not asked again (RFC 9309 §2.4).
    robotsStore: memory?.robotsStore,
    onRequest: (r) => {
      progress.request();
      stall.progress();
      // Named in the run's log even when the plugin catches the error and carries on.
      if (r.error?.includes('PF_ERR_PRIVATE_ADDRESS')) log.warn('connection refused: private address', { url: r.url, error: r.error });
      options.onRequest?.(r);
    },
  });
  const state = structuredClone(source?.crawlState ?? {}) as Record<string, unknown>;
  const incomplete: string[] = [];
  const ctx = createCrawlContext({
    fetcher, baseUrl, config, state, log, signal: abort.signal, clock, memory,
    onIncomplete: (reason) => {
      log.info('the plugin stopped before the end of the listing', { reason });
      incomplete.push(reason);
    },
  });

  return {
    options, def, orm, source, runId, clock, log, started, abort, stall, progress, ctx, state, incomplete, memory,
    release: () => {
      stall.stop();
      options.signal?.removeEventListener('abort', onOuterAbort);
    },
  };
}
