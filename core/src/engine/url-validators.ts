import type { Connection } from '@mikro-orm/core';
import type { UrlValidators } from '@pathfinder/sdk';
import { newId } from '../db/entities/ids.js';

/**
 * The validators stored for a source's URLs, read once at the start of a run. Validators older than
 * `maxAgeMs` (the source's max detail age) are left out: such a page is read in full again, so a
 * page whose job the engine did not keep (a role it skips, one an admin closed) is reconsidered
 * at least that often, and a plugin upgrade's better parsing reaches every job.
 */
export async function loadUrlValidators(conn: Connection, sourceId: string, maxAgeMs: number, now: Date): Promise<Map<string, UrlValidators>> {
  const rows: { url: string; etag: string | null; last_modified: string | null }[] = await conn.execute(
    'select url, etag, last_modified from url_validators where source_id = ? and fetched_at > ?::timestamptz',
    [sourceId, new Date(now.getTime() - maxAgeMs).toISOString()],
  );
  const out = new Map<string, UrlValidators>();
  for (const r of rows) {
    const v: UrlValidators = {};
    if (r.etag) v.etag = r.etag;
    if (r.last_modified) v.lastModified = r.last_modified;
    out.set(r.url, v);
  }
  return out;
}

/**
 * Stores the validators a run received (one statement). Called only after a complete, successful
 * run: a validator saved for a page whose postings never reached the database would answer the
 * next run's conditional fetch with a 304 for content the engine does not have.
 */
export async function saveUrlValidators(conn: Connection, sourceId: string, validators: Map<string, UrlValidators>, fetchedAt: Date): Promise<void> {
  if (validators.size === 0) return;
  const rows = [...validators].map(([url, v]) => ({ id: newId(), url, etag: v.etag ?? null, last_modified: v.lastModified ?? null }));
  await conn.execute(
    `insert into url_validators (id, source_id, url, etag, last_modified, fetched_at)
     select x.id, ?, x.url, x.etag, x.last_modified, ?::timestamptz
     from jsonb_to_recordset(?::jsonb) as x(id text, url text, etag text, last_modified text)
     on conflict (source_id, url) do update set etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at`,
    [sourceId, fetchedAt.toISOString(), JSON.stringify(rows)],
  );
}
