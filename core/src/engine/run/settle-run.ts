import { decideOutcome, DEFAULT_MAX_ARCHIVE_FRACTION, type JobCensus, type RunOutcome } from '../run-outcome.js';
import { archiveUnseen, countUnseen } from '../unseen-jobs.js';
import type { PreparedRun } from './prepare-run.js';
import type { StreamResult } from './stream-postings.js';

/**
 * Step 3: decides how the run ends ({@link decideOutcome}) and, when the outcome says so, archives
 * the source's jobs the run did not see. The census it decides on is only taken for a complete,
 * stored run that read the whole listing: nothing else may archive anyway.
 */
export async function settleRun(run: PreparedRun, stream: StreamResult): Promise<RunOutcome> {
  const { orm, source } = run;
  const { tally } = stream;
  if (run.memory && orm) {
    // Postings reported still listed count as seen (found, unchanged) before anything is counted or archived.
    const { listed, listedSkipped, markedSkipped } = await run.memory.settle(orm.em.getConnection(), new Date(run.started));
    tally.counts.found += listed;
    tally.counts.unchanged += listed;
    tally.seen += listed;
    // Postings read before and not kept stay skipped (not found: nothing was yielded); they keep no job alive.
    tally.counts.skipped += listedSkipped + markedSkipped;
  }
  let census: JobCensus | undefined;
  if (orm && source && stream.ending.kind === 'completed' && run.incomplete.length === 0) {
    const unseen = await countUnseen(orm.em.getConnection(), source.id, new Date(run.started));
    census = { active: unseen + tally.counts.updated + tally.counts.unchanged, unseen };
  }
  const outcome = decideOutcome({
    ending: stream.ending,
    incomplete: run.incomplete,
    found: tally.counts.found,
    seen: tally.seen,
    census,
    maxArchiveFraction: run.def.maxArchiveFraction ?? DEFAULT_MAX_ARCHIVE_FRACTION,
  });
  if (outcome.archive && orm && source) {
    tally.counts.archived = await archiveUnseen(orm.em.getConnection(), source.id, new Date(run.started));
  }
  // Validators and skipped postings are kept only from a run that read its whole listing and ended well.
  if (outcome.status === 'success' && orm && run.memory) await run.memory.saveAfterSuccess(orm.em.getConnection(), new Date(run.started));
  if (outcome.partial) run.log.warn(`run ended partial: ${outcome.partial.message}`, { reason: outcome.partial.reason });
  return outcome;
}
