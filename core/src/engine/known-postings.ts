import type { Connection } from '@mikro-orm/core';
import type { KnownPosting } from '@pathfinder/sdk';

interface KnownRow {
  external_id: string;
  content_hash: string;
  last_scraped_at: Date | string;
  detail_fetched_at: Date | string | null;
}

/**
 * What `ctx.known` answers from: the source's stored postings with an external id, read once at the
 * start of a run. Archived jobs count only when archived as "no longer listed" (a posting that comes
 * back is revived by a `stillListed` as by a full yield); jobs an admin closed stay unknown, so a
 * plugin yields them in full and the writer decides.
 */
export async function loadKnownPostings(conn: Connection, sourceId: string): Promise<Map<string, KnownPosting>> {
  const rows: KnownRow[] = await conn.execute(
    `select external_id, content_hash, last_scraped_at, detail_fetched_at from jobs
     where source_id = ? and external_id is not null and (is_active or archive_reason = 'no longer listed')`,
    [sourceId],
  );
  const known = new Map<string, KnownPosting>();
  for (const r of rows) {
    const k: KnownPosting = { contentHash: r.content_hash, lastSeenAt: new Date(r.last_scraped_at) };
    if (r.detail_fetched_at !== null) k.detailFetchedAt = new Date(r.detail_fetched_at);
    known.set(r.external_id, k);
  }
  return known;
}

/**
 * The end of a run's stream, before any archiving: the postings the plugin reported `stillListed`
 * and did not also yield are seen: `last_scraped_at` moves to the run's start (so `archiveUnseen`
 * spares them) and one archived as "no longer listed" is listed again, exactly as the writer
 * touches an unchanged posting. Their content stays, and so does `detail_fetched_at` unless the
 * plugin `confirmed` the content (a 304 for its page). (The jobs the run yielded already have both
 * set to the run's start: `writeJobBatch` stamps them.)
 * Returns how many postings it touched (the run counts them found and unchanged).
 */
export async function settleKnownPostings(
  conn: Connection, sourceId: string, stillListed: Iterable<string>, confirmed: ReadonlySet<string>, runStartedAt: Date,
): Promise<number> {
  const seen = runStartedAt.toISOString();
  const ids = [...stillListed];
  if (ids.length === 0) return 0;
  const rows: unknown[] = await conn.execute(
    `update jobs set last_scraped_at = ?::timestamptz,
       detail_fetched_at = case when external_id = any(array(select jsonb_array_elements_text(?::jsonb))) then ?::timestamptz else detail_fetched_at end,
       is_active = case when archive_reason = 'no longer listed' then true else is_active end,
       archived_at = case when archive_reason = 'no longer listed' then null else archived_at end,
       archive_reason = case when archive_reason = 'no longer listed' then null else archive_reason end
     where source_id = ? and last_scraped_at < ?::timestamptz
       and external_id = any(array(select jsonb_array_elements_text(?::jsonb)))
     returning id`,
    [seen, JSON.stringify([...confirmed]), seen, sourceId, seen, JSON.stringify(ids)],
  );
  return rows.length;
}
