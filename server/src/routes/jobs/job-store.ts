import type { EntityManager } from '@mikro-orm/postgresql';
import { INSERT_SQL, RECORD_COLUMNS, newId, toRecord, type PreparedJob } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

async function duplicateOf(em: EntityManager, dedupeHash: string, exceptId?: string): Promise<never> {
  const [other] = await em.getConnection().execute<{ id: string }[]>(
    'select id from jobs where dedupe_hash = ? and id <> ?', [dedupeHash, exceptId ?? ''],
  );
  throw new ApiError(409, 'PF_ERR_DUPLICATE_JOB', 'The same job (company, title and location) is already listed.', { jobId: other?.id ?? null });
}

/**
 * Stores a new job with the statement crawls use (so the columns and hashes are the same), then the
 * fields only people set. One transaction; a job with the same dedupe hash already listed is a 409.
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
  if (!inserted) await duplicateOf(em, job.dedupeHash);
  return id;
}

const UPDATE_COLUMNS = RECORD_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!).filter((c) => c !== 'id' && c !== 'source_id');

/**
 * Rewrites a job's content from a freshly prepared posting, keeping its id, source and archive state.
 * `extra` fields are written only when given. A dedupe-hash clash with another job is a 409.
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
    if (isUniqueViolation(e)) await duplicateOf(em, job.dedupeHash, id);
    throw e;
  }
}

/** Archives a job (idempotent): inactive, with when and why. */
export async function archiveJob(em: EntityManager, id: string, reason: string): Promise<void> {
  await em.getConnection().execute(
    'update jobs set is_active = false, archived_at = now(), archive_reason = ?, updated_at = now() where id = ? and is_active',
    [reason, id], 'run',
  );
}
