import type { EntityManager } from '@mikro-orm/postgresql';

export interface WindowRule {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface HitResult {
  allowed: boolean;
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (what `Retry-After` says when refused). */
  retryAfterSeconds: number;
}

// One statement, atomic under concurrency: every API process sees the same count.
const HIT_SQL = `insert into rate_limit_buckets (key, window_start, count) values (?, ?, 1)
  on conflict (key, window_start) do update set count = rate_limit_buckets.count + 1
  returning count`;

/**
 * Counts one hit on `key` in the current fixed window (windows are aligned to multiples of the
 * window length) and says whether it is within the rule.
 *
 * @example
 * const r = await hitFixedWindow(em, 'login:ip:203.0.113.9', { limit: 50, windowSeconds: 900 });
 * if (!r.allowed) throw ApiError.rateLimited(r.retryAfterSeconds);
 */
export async function hitFixedWindow(em: EntityManager, key: string, rule: WindowRule, nowMs = Date.now()): Promise<HitResult> {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(nowMs / windowMs) * windowMs;
  const rows = await em.getConnection().execute<{ count: number }[]>(HIT_SQL, [key.slice(0, 300), new Date(start)]);
  const count = Number(rows[0]?.count ?? 1);
  if (Math.random() < 0.01) await pruneBuckets(em, nowMs);
  return { allowed: count <= rule.limit, count, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
}

/** Forgets a key's counts (after a success, so a user's own typos do not add up across sign-ins). */
export async function clearBucket(em: EntityManager, key: string): Promise<void> {
  await em.getConnection().execute('delete from rate_limit_buckets where key = ?', [key.slice(0, 300)]);
}

/** Deletes windows that ended long ago; called now and then by `hitFixedWindow`. */
export async function pruneBuckets(em: EntityManager, nowMs = Date.now()): Promise<void> {
  await em.getConnection().execute('delete from rate_limit_buckets where window_start < ?', [new Date(nowMs - 2 * 24 * 60 * 60 * 1000)]);
}
