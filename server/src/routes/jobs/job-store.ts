import type { EntityManager } from '@mikro-orm/postgresql';
import { INSERT_SQL, RECORD_COLUMNS, clusterJobs, newId, toRecord, type PreparedJob } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** The 409 for a job its own source already lists; another source's copy is no conflict (it joins a cluster). */
async function duplicateOf(em: EntityManager, sourceId: string, dedupeHash: string, exceptId?: string): Promise<never> {
  const [other] = await em.getConnection().execute<{ id: string }[]>(
    'select id from jobs where source_id = ? and dedupe_hash = ? and id <> ?', [sourceId, dedupeHash, exceptId ?? ''],
  );
  throw new ApiError(409, 'PF_ERR_DUPLICATE_JOB', 'The same job (company, title and location) is already listed.', { jobId: other?.id ?? null });
}

/**
 * The clustering stage for a hand-posted or edited job, as crawls run it after each batch. The job
 * is stored either way: a failure here (a deadlock with a crawl) only leaves it unclustered until
 * its next write.
 */
async function cluster(em: EntityManager, id: string): Promise<void> {
  try {
    await clusterJobs(em.getConnection(), [id]);
  } catch {
    // Deliberately quiet: see above.
  }
}

/**
 * Stores a new job with the statement crawls use (so the columns and hashes are the same), then the
 * fields only people set. One transaction; a job with the same dedupe hash already listed by the same
 * source is a 409. Then it joins the copies of it other sources list (the clustering stage).
 */
export async function insertJob(
  em: EntityManager, sourceId: string, job: PreparedJob, extra: { employerNotes?: string; updateProhibited?: boolean }, now: Date,
): Promise<string> {
  const id = newId();
  const inserted = await em.transactional(async (tem) => {
    const conn = tem.getConnection();
    const ctx = tem.getTransactionContext();
    const rows = await conn.execute<{ id: string }[]>(INSERT_SQL, [now.toISOString(), JSON.stringify([toRecord(job, id, sourceId)])], 'all', ctx);
    if (rows.length === 0) return false;
    if (extra.employerNotes !== undefined || extra.updateProhibited !== undefined) {
      await conn.execute('update jobs set employer_notes = ?, update_prohibited = ? where id = ?',
        [extra.employerNotes ?? null, extra.updateProhibited ?? false, id], 'run', ctx);
    }
    return true;
  });
  if (!inserted) await duplicateOf(em, sourceId, job.dedupeHash);
  await cluster(em, id);
  return id;
}

const UPDATE_COLUMNS = RECORD_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!).filter((c) => c !== 'id' && c !== 'source_id');

/**
 * Rewrites a job's content from a freshly prepared posting, keeping its id, source and archive state.
 * `extra` fields are written only when given. A dedupe-hash clash with another job of the source is a 409.
 */
export async function updateJob(
  em: EntityManager, id: string, sourceId: string, job: PreparedJob, extra: { employerNotes?: string | null; updateProhibited?: boolean | null },
): Promise<void> {
  const sets = UPDATE_COLUMNS.map((c) => `${c} = x.${c}`);
  const params: unknown[] = [];
  if (extra.employerNotes !== undefined) {
    sets.push('employer_notes = ?');
    params.push(extra.employerNotes);
  }
  if (extra.updateProhibited !== undefined) {
    sets.push('update_prohibited = ?');
    params.push(extra.updateProhibited ?? false);
  }
  const sql = `update jobs j set ${sets.join(', ')}, updated_at = now()
    from jsonb_to_recordset(?::jsonb) as x(${RECORD_COLUMNS}) where j.id = x.id`;
  try {
    await em.getConnection().execute(sql, [...params, JSON.stringify([toRecord(job, id, sourceId)])], 'run');
  } catch (e) {
    if (isUniqueViolation(e)) await duplicateOf(em, sourceId, job.dedupeHash, id);
    throw e;
  }
  await cluster(em, id);
}

/** Archives a job (idempotent): inactive, with when and why. */
export async function archiveJob(em: EntityManager, id: string, reason: string): Promise<void> {
  await em.getConnection().execute(
    'update jobs set is_active = false, archived_at = now(), archive_reason = ?, updated_at = now() where id = ? and is_active',
    [reason, id], 'run',
  );
}
