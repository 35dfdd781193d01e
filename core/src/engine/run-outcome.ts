import { AbortedError, BlockedError, FatalSourceError, PathfinderError, RetryableError } from '@pathfinder/sdk';
import type { PartialReason } from '../db/entities/index.js';
import { CoreError } from '../errors/codes.js';

/**
 * How a crawl ends, decided in one place: the run's status, whether it archives the jobs it did
 * not see, whether it is retried, whether its state cursor is kept, and what it does to the
 * source's failure count. Everything here is pure; the run's steps gather the facts and obey.
 */

/** The default largest share of a source's active jobs one run may archive (a manifest may raise it). */
export const DEFAULT_MAX_ARCHIVE_FRACTION = 0.5;

/**
 * A drop of this many jobs or fewer is never taken for a broken site, whatever the share: on a
 * board of three jobs two closing is ordinary, and the share rule alone would keep them listed forever.
 */
export const SMALL_DROP = 2;

/** How the plugin's stream ended. */
export type RunEnding =
  /** `crawl()` returned (or the engine stopped it at the caller's `limit`). */
  | { kind: 'completed' }
  /** `crawl()` or the pipeline threw. */
  | { kind: 'threw'; error: unknown }
  /** The run's signal fired: a stall (the engine's) or a cancellation from outside (`byCaller`). */
  | { kind: 'aborted'; error: unknown; byCaller: boolean };

/** What is known of the source's jobs once the stream ended (only asked for a complete, stored run). */
export interface JobCensus {
  /**
   * The source's jobs that were active before the run (those it saw again plus those it did not);
   * jobs the run added do not count, so a wholesale turnover still reads as a drop.
   */
  active: number;
  /** Of those, the ones this run did not see: what archiving would close. */
  unseen: number;
}

export interface OutcomeFacts {
  ending: RunEnding;
  /** Why the run did not read the whole listing (`ctx.markIncomplete`, the caller's `limit`); empty if it did. */
  incomplete: string[];
  /** Postings the plugin yielded. */
  found: number;
  /** Jobs of this source the run saw: written, updated or confirmed unchanged (a dry run: postings that passed the pipeline). */
  seen: number;
  /** Undefined when nothing is stored (a dry run). */
  census?: JobCensus;
  /** The manifest's `maxArchiveFraction`, else {@link DEFAULT_MAX_ARCHIVE_FRACTION}. */
  maxArchiveFraction: number;
}

export interface FailureDescription {
  code: string;
  message: string;
  /** Whether a retry may succeed (decided by the error's class, see {@link describeFailure}). */
  retryable: boolean;
}

export interface RunOutcome {
  status: 'success' | 'partial' | 'failed' | 'aborted';
  /** Close the source's active jobs this run did not see ("no longer listed"). */
  archive: boolean;
  /** Set for `failed` and `aborted`. */
  error?: FailureDescription;
  /** Set for `partial`. */
  partial?: { reason: PartialReason; message: string };
  /** Keep the plugin's `ctx.state` for the next run (else the next run starts from the same cursor). */
  saveState: boolean;
  /** What the run does to the source's `consecutiveFailures` (which pauses a source that keeps failing). */
  failures: 'reset' | 'increment' | 'keep';
}

/** The engine's stall timeout: no posting and no request for too long. Worth retrying: the site may just have been slow. */
export class CrawlTimeoutError extends CoreError {
  constructor(message: string) {
    super('PF_ERR_CRAWL_TIMEOUT', message);
    this.name = 'CrawlTimeoutError';
  }
}

/**
 * Whether a failure is worth retrying, by the error's class, most specific first. An error that is
 * none of these is a bug or an unforeseen change in the plugin: retried, since a crash on a
 * half-loaded page often passes.
 */
const RETRY_BY_CLASS: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, boolean]> = [
  [CrawlTimeoutError, true],
  [CoreError, false],
  [AbortedError, false],
  [RetryableError, true],
  [BlockedError, false],
  [FatalSourceError, false],
  [PathfinderError, false],
];

/** The code, message and retry verdict of whatever a run threw. */
export function describeFailure(error: unknown): FailureDescription {
  for (const [type, retryable] of RETRY_BY_CLASS) {
    if (error instanceof type) return { code: (error as Error & { code: string }).code, message: error.message, retryable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PF_ERR_PLUGIN_CRASHED', message: `The plugin threw: ${message}`, retryable: true };
}

/**
 * The rules, in order:
 * 1. aborted: a cancellation from outside is not the source's failure; a stall is.
 * 2. threw: failed; retried when the error's class says so.
 * 3. cut short by a limit: `partial` (limited), nothing archived — the jobs it did not reach are still listed.
 * 4. saw none of the source's jobs: `partial` (empty), nothing archived — a site that changed shape
 *    or answered an empty page must not close every job of the source.
 * 5. would archive more than `maxArchiveFraction` of the active jobs (and more than {@link SMALL_DROP}):
 *    `partial` (shrunk), nothing archived.
 * 6. otherwise: success, and the unseen jobs are archived.
 */
export function decideOutcome(f: OutcomeFacts): RunOutcome {
  if (f.ending.kind === 'aborted') {
    return { status: 'aborted', archive: false, error: describeFailure(f.ending.error), saveState: false, failures: f.ending.byCaller ? 'keep' : 'increment' };
  }
  if (f.ending.kind === 'threw') {
    return { status: 'failed', archive: false, error: describeFailure(f.ending.error), saveState: false, failures: 'increment' };
  }
  if (f.incomplete.length > 0) {
    const message = `The run stopped before the end of the listing (${f.incomplete.join('; ')}); nothing was archived`;
    return { status: 'partial', archive: false, partial: { reason: 'limited', message }, saveState: true, failures: 'reset' };
  }
  const kept = f.census ? `; the source's ${f.census.active} active job${f.census.active === 1 ? ' was' : 's were'} kept` : '';
  if (f.seen === 0) {
    const what = f.found === 0 ? 'The run yielded no posting' : `The run saw none of the source's jobs (${f.found} posting${f.found === 1 ? '' : 's'} yielded, all skipped or invalid)`;
    return { status: 'partial', archive: false, partial: { reason: 'empty', message: `${what}${kept}` }, saveState: false, failures: 'keep' };
  }
  if (f.census && f.census.unseen > SMALL_DROP && f.census.unseen > f.census.active * f.maxArchiveFraction) {
    const percent = Math.round((f.census.unseen / f.census.active) * 100);
    const message = `The run would have archived ${f.census.unseen} of the source's ${f.census.active} active jobs (${percent} %), ` +
      `more than its limit of ${Math.round(f.maxArchiveFraction * 100)} % (the manifest's maxArchiveFraction); nothing was archived`;
    return { status: 'partial', archive: false, partial: { reason: 'shrunk', message }, saveState: false, failures: 'keep' };
  }
  return { status: 'success', archive: f.census !== undefined, saveState: true, failures: 'reset' };
}

/** Why the worker stopped a run it was running, if it did. */
export type CancelReason = 'disabled' | 'shutdown' | 'overtime';

/**
 * Whether the queue runs the job again: a run interrupted by a worker shutdown always is (it did
 * nothing wrong); one stopped because its plugin was disabled, or whose source is paused, never is;
 * otherwise a failed or aborted run is retried when its error is retryable.
 */
export function shouldRetry(result: { status: RunOutcome['status']; error?: FailureDescription }, cancel: CancelReason | undefined, paused: boolean): boolean {
  if (result.status === 'success' || result.status === 'partial') return false;
  if (cancel === 'shutdown') return true;
  if (cancel === 'disabled' || paused) return false;
  return result.error?.retryable === true;
}
