import { preparePosting, type PreparedJob } from '../../pipeline/index.js';
import type { CrawlCounts } from '../crawl-runner.js';
import { writeJobBatch } from '../job-writer.js';
import { clusterJobs } from '../../clusters/index.js';
import type { RunEnding } from '../run-outcome.js';
import type { PreparedRun } from './prepare-run.js';

const SAMPLE_LIMIT = 20;

/** What the stream step counted and kept. */
export interface RunTally {
  counts: CrawlCounts;
  /**
   * Jobs of this source the run saw: inserted, updated or confirmed unchanged (each one's
   * `last_scraped_at` is now at least the run's start). In a dry run: postings that passed the pipeline.
   * The archive decision reads this; whatever else keeps a job alive adds to it.
   */
  seen: number;
  addedIds: string[];
  skippedSamples: { title?: string; reason: string }[];
  invalidSamples: { errors: string[] }[];
}

export interface StreamResult {
  ending: RunEnding;
  tally: RunTally;
}

/**
 * Step 2: pulls the plugin's postings through the pipeline and into the jobs table in batches,
 * until the plugin returns, throws, is aborted (stall or cancellation), or the caller's `limit`
 * is reached (recorded as incomplete). Never throws: how the stream ended is in `ending`.
 */
export async function streamPostings(run: PreparedRun): Promise<StreamResult> {
  const { options, orm, source, abort, stall, progress, log } = run;
  const tally: RunTally = {
    counts: { found: 0, added: 0, updated: 0, unchanged: 0, archived: 0, skipped: 0, invalid: 0 },
    seen: 0,
    addedIds: [],
    skippedSamples: [],
    invalidSamples: [],
  };
  const { counts } = tally;

  let batch: PreparedJob[] = [];
  // One write in flight while the plugin and the pipeline prepare the next batch: the CPU-bound
  // stages and the database overlap instead of taking turns.
  let inFlight: Promise<void> | undefined;
  const write = async (jobs: PreparedJob[]) => {
    const written = await writeJobBatch(orm!.em.getConnection(), source!.id, jobs, new Date(run.started));
    counts.added += written.added;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    counts.skipped += written.duplicates;
    tally.seen += written.added + written.updated + written.unchanged;
    tally.addedIds.push(...written.addedIds);
    if (written.duplicates) progress.skipped(written.duplicates);
    // The clustering stage: new and rewritten jobs find their copies at other sources. A failure
    // there (a deadlock with another source's writer) costs a missed cluster, never the crawl.
    const changed = [...written.addedIds, ...written.updatedIds];
    if (changed.length) {
      try {
        await clusterJobs(orm!.em.getConnection(), changed);
      } catch (error) {
        log.warn('clustering failed for a batch', { error: (error as Error).message, jobs: changed.length });
      }
    }
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

  let ending: RunEnding = { kind: 'completed' };
  const iterator = run.def.crawl(run.ctx)[Symbol.asyncIterator]();
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
      progress.posting();
      const prepared = preparePosting(step.value, { sourceId: options.plugin.id, now: new Date(run.clock.now()) });
      if (prepared.kind === 'job') {
        options.onPosting?.(prepared.job);
        if (!orm) tally.seen++;
        batch.push(prepared.job);
        if (batch.length >= (options.batchSize ?? 500)) await flush();
      } else if (prepared.kind === 'skipped') {
        counts.skipped++;
        // Remembered, so the next run need not read its page again to drop it again.
        const externalId = (step.value as { externalId?: unknown })?.externalId;
        if (typeof externalId === 'string' && externalId) run.memory?.dropped(externalId, prepared.reason);
        progress.skipped();
        if (tally.skippedSamples.length < SAMPLE_LIMIT) tally.skippedSamples.push({ title: (step.value as { title?: string })?.title, reason: prepared.reason });
      } else {
        counts.invalid++;
        progress.skipped();
        log.warn('invalid posting', { errors: prepared.errors });
        if (tally.invalidSamples.length < SAMPLE_LIMIT) tally.invalidSamples.push({ errors: prepared.errors });
      }
      if (options.limit !== undefined && counts.found >= options.limit) {
        run.incomplete.push(`stopped at the limit of ${options.limit} posting${options.limit === 1 ? '' : 's'}`);
        break;
      }
    }
    if (abort.signal.aborted) throw abort.signal.reason;
    await flush(true);
  } catch (error) {
    ending = abort.signal.aborted
      ? { kind: 'aborted', error: abort.signal.reason, byCaller: options.signal?.aborted === true }
      : { kind: 'threw', error };
  } finally {
    await inFlight?.catch(() => undefined);
    run.release();
    // Let the plugin run its `finally` blocks; a hung one is not awaited.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
  return { ending, tally };
}
