import type { Connection } from '@mikro-orm/core';
import { ROBOTS_MAX_AGE_MS, type RobotsAnswer } from '@pathfinder/sdk';
import { newId } from '../db/entities/ids.js';

/**
 * robots.txt answers younger than 24 hours at `now` (RFC 9309 §2.4), by URL. One fetched "after"
 * `now` (a test's fake clock behind another's) is not used: its age is unknown.
 */
export async function loadRobotsFiles(conn: Connection, now: Date): Promise<Map<string, RobotsAnswer>> {
  const rows: { url: string; status: number; body: string }[] = await conn.execute(
    'select url, status, body from robots_files where fetched_at > ?::timestamptz and fetched_at <= ?::timestamptz',
    [new Date(now.getTime() - ROBOTS_MAX_AGE_MS).toISOString(), now.toISOString()],
  );
  return new Map(rows.map((r) => [r.url, { status: r.status, body: r.body }]));
}

/** Stores the robots.txt answers a run fetched (whatever its outcome: they are the site's answers). */
export async function saveRobotsFiles(conn: Connection, answers: ReadonlyMap<string, RobotsAnswer>, fetchedAt: Date): Promise<void> {
  if (answers.size === 0) return;
  const rows = [...answers].map(([url, a]) => ({ id: newId(), url, status: a.status ?? 0, body: (a.body ?? '').replaceAll('\0', '') }));
  await conn.execute(
    `insert into robots_files (id, url, status, body, fetched_at)
     select x.id, x.url, x.status, x.body, ?::timestamptz from jsonb_to_recordset(?::jsonb) as x(id text, url text, status int, body text)
     on conflict (url) do update set status = excluded.status, body = excluded.body, fetched_at = excluded.fetched_at`,
    [fetchedAt.toISOString(), JSON.stringify(rows)],
  );
}
