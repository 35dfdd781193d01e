import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock, DelayCoordinator, HostResolver, Logger, RequestRecord, Transport } from '@pathfinder/sdk';
import type { PartialReason, ScrapeStatus } from '../db/entities/index.js';
import type { PreparedJob } from '../pipeline/index.js';
import type { LoadedPlugin } from './plugin-registry.js';
import type { FailureDescription } from './run-outcome.js';
import type { LiveProgress } from './run-progress.js';
import { finishRun } from './run/finish-run.js';
import { prepareRun } from './run/prepare-run.js';
import { settleRun } from './run/settle-run.js';
import { streamPostings } from './run/stream-postings.js';

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
  /** Stop after this many postings; a limited run is incomplete, so it archives nothing and ends `partial`. */
  limit?: number;
  trigger?: 'schedule' | 'manual' | 'cli' | 'retry';
  /** Cancels the run (e.g. the plugin was disabled): it ends `aborted` at the next request. */
  signal?: AbortSignal;
  /** No posting and no request for this long aborts the run (PF_ERR_CRAWL_TIMEOUT). Default 600 s. */
  stallMs?: number;
  clock?: Clock;
  transport?: Transport;
  /**
   * Private hosts the crawl may reach (PATHFINDER_ALLOWED_PRIVATE_HOSTS). The hosts of `baseUrl`,
   * of a `baseUrl` in `config` and the `originMap` targets are added for this run: the operator
   * (CLI) chose them. A baseUrl stored by an admin is not: it must be public or on this list.
   */
  allowedPrivateHosts?: readonly string[];
  /** How host names are resolved (tests; default the system resolver). */
  resolveHost?: HostResolver;
  coordinator?: DelayCoordinator;
  log?: Logger;
  /** Each prepared posting, as it would be stored (the CLI prints these). */
  onPosting?: (job: PreparedJob) => void;
  onRequest?: (request: RequestRecord) => void;
  /** The run's live counters, on every change (the CLI's status line). */
  onProgress?: (progress: LiveProgress) => void;
  /** How often (real ms) the live counters are written to the run's ScrapeLog; default 2000. */
  progressEveryMs?: number;
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
  error?: FailureDescription;
  /** Why a `partial` run archived nothing. */
  partial?: { reason: PartialReason; message: string };
  /** Ids of the jobs this run added (for instant alerts). */
  addedIds: string[];
}

/**
 * Runs one crawl of one plugin: its postings through the pipeline into Postgres (or nowhere, dry),
 * with a `ScrapeLog` from `running` to its end, in four steps: prepare (source, config, log row,
 * ctx), stream (postings into the jobs table), settle (how the run ends, archive or not: the rules
 * are in `run-outcome.ts`), finish (the log row and the source's cursor and failure count).
 * A plugin that throws fails its own run and nothing else; one that stops making progress is aborted.
 */
export async function runCrawl(options: CrawlOptions): Promise<CrawlResult> {
  const run = await prepareRun(options);
  const stream = await streamPostings(run);
  const outcome = await settleRun(run, stream);
  const durationMs = Math.max(0, run.clock.now() - run.started);
  const requests = run.progress.snapshot().requests;
  await finishRun(run, stream, outcome, durationMs, requests);
  return {
    runId: run.runId,
    sourceId: run.source?.id,
    status: outcome.status,
    counts: stream.tally.counts,
    requests,
    durationMs,
    error: outcome.error,
    partial: outcome.partial,
    addedIds: stream.tally.addedIds,
  };
}
