import type { Connection } from '@mikro-orm/core';

/**
 * Which of a source's jobs a run saw, and closing those it did not.
 *
 * A job counts as seen by a run when the run wrote it or confirmed it unchanged: `writeJobBatch`
 * sets its `last_scraped_at` to the run's start time (or later). Anything that should keep a job
 * alive without re-reading it (a posting reported still listed) touches `last_scraped_at` the
 * same way and counts in the run's `seen` tally.
 */

// The source's active jobs that archiving may close and this run did not see.
const UNSEEN = `source_id = ? and is_active and not update_prohibited and last_scraped_at < ?::timestamptz`;

/** How many of the source's active, archivable jobs the run that started at `runStartedAt` did not see. */
export async function countUnseen(conn: Connection, sourceId: string, runStartedAt: Date): Promise<number> {
  const [row] = await conn.execute<{ unseen: string }[]>(`select count(*) as unseen from jobs where ${UNSEEN}`, [sourceId, runStartedAt.toISOString()]);
  return Number(row?.unseen ?? 0);
}

/**
 * Closes the source's active jobs the run did not see, with the reason "no longer listed". Called
 * only when `decideOutcome` says so (a complete run that saw enough of the source).
 */
export async function archiveUnseen(conn: Connection, sourceId: string, runStartedAt: Date): Promise<number> {
  const rows: unknown[] = await conn.execute(
    `update jobs set is_active = false, archived_at = now(), archive_reason = 'no longer listed', updated_at = now()
     where ${UNSEEN} returning id`,
    [sourceId, runStartedAt.toISOString()],
  );
  return rows.length;
}
