import { DataSource, ScrapeLog } from '../../db/entities/index.js';
import type { RunOutcome } from '../run-outcome.js';
import type { PreparedRun } from './prepare-run.js';
import type { StreamResult } from './stream-postings.js';

/**
 * Step 4: writes the run's ending to its `ScrapeLog` (status, counts, error or partial reason;
 * the live progress cleared) and to its source (state cursor, failure count), as the outcome says.
 */
export async function finishRun(run: PreparedRun, stream: StreamResult, outcome: RunOutcome, durationMs: number, requests: number): Promise<void> {
  await run.progress.stop();
  const { orm, source, runId } = run;
  if (!orm || !source || !runId) return;
  const { counts } = stream.tally;
  const em = orm.em.fork();
  const row = await em.findOneOrFail(ScrapeLog, runId);
  em.assign(row, {
    status: outcome.status,
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
    errorMessage: outcome.error?.message ?? null,
    errorCode: outcome.error?.code ?? null,
    partialReason: outcome.partial?.reason ?? null,
    partialMessage: outcome.partial?.message ?? null,
    progress: null,
    details: {
      skipped: stream.tally.skippedSamples,
      invalid: stream.tally.invalidSamples,
      limited: run.incomplete.length > 0,
      ...(run.incomplete.length ? { incomplete: run.incomplete } : {}),
    },
  });
  const sourceRow = await em.findOneOrFail(DataSource, source.id);
  // A failed run keeps the old cursor, so its retry starts from the same place.
  if (outcome.saveState) sourceRow.crawlState = run.state;
  if (outcome.failures === 'reset') sourceRow.consecutiveFailures = 0;
  else if (outcome.failures === 'increment') sourceRow.consecutiveFailures += 1;
  await em.flush();
}
