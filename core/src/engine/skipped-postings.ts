import type { Connection } from '@mikro-orm/core';
import type { KnownPosting } from '@pathfinder/sdk';
import { newId } from '../db/entities/ids.js';

/**
 * The postings of a source that runs read and did not keep (see the `SkippedPosting` entity), as
 * `ctx.known` answers them: `skipped` holds why, `detailFetchedAt` when the page was last read.
 */
export async function loadSkippedPostings(conn: Connection, sourceId: string): Promise<Map<string, KnownPosting>> {
  const rows: { external_id: string; reason: string; read_at: Date | string; last_seen_at: Date | string }[] = await conn.execute(
    'select external_id, reason, read_at, last_seen_at from skipped_postings where source_id = ?',
    [sourceId],
  );
  return new Map(rows.map((r) => [r.external_id, {
    contentHash: 'skipped', lastSeenAt: new Date(r.last_seen_at), detailFetchedAt: new Date(r.read_at), skipped: r.reason,
  }]));
}

/**
 * After a successful run (it read the whole listing): the source's skipped postings become exactly
 * what this run saw. `read` (skipped in this run after reading, id → reason) are stored as read now;
 * `listed` (known skipped postings reported still listed; `confirmed` ones were re-read as a 304)
 * keep their reason; every other row goes (no longer listed, or kept as a job now).
 */
export async function saveSkippedPostings(
  conn: Connection, sourceId: string, read: ReadonlyMap<string, string>, listed: Iterable<string>, confirmed: ReadonlySet<string>, runStartedAt: Date,
): Promise<void> {
  const at = runStartedAt.toISOString();
  const listedIds = [...listed].filter((id) => !read.has(id));
  await conn.execute(
    `delete from skipped_postings where source_id = ?
       and not (external_id = any(array(select jsonb_array_elements_text(?::jsonb))))`,
    [sourceId, JSON.stringify(listedIds)],
  );
  if (listedIds.length > 0) {
    await conn.execute(
      `update skipped_postings set last_seen_at = ?::timestamptz,
         read_at = case when external_id = any(array(select jsonb_array_elements_text(?::jsonb))) then ?::timestamptz else read_at end
       where source_id = ?`,
      [at, JSON.stringify([...confirmed]), at, sourceId],
    );
  }
  // A posting the run also wrote as a job (yielded again after a skip) is a job now.
  const rows = [...read].map(([externalId, reason]) => ({ id: newId(), external_id: externalId, reason }));
  if (rows.length === 0) return;
  await conn.execute(
    `insert into skipped_postings (id, source_id, external_id, reason, read_at, last_seen_at)
     select x.id, ?, x.external_id, x.reason, ?::timestamptz, ?::timestamptz
     from jsonb_to_recordset(?::jsonb) as x(id text, external_id text, reason text)
     where not exists (select 1 from jobs j where j.source_id = ? and j.external_id = x.external_id and j.last_scraped_at >= ?::timestamptz)
     on conflict (source_id, external_id) do update set reason = excluded.reason, read_at = excluded.read_at, last_seen_at = excluded.last_seen_at`,
    [sourceId, at, at, JSON.stringify(rows), sourceId, at],
  );
}
