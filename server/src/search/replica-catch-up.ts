import type { MikroORM } from '@mikro-orm/postgresql';

/** A WAL position (`16/B374D848`) as a number that compares. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** How often the replica is asked while it is behind: quickly at first (lag is usually milliseconds), then calmly. */
const FAST_POLL_MS = 100;
const SLOW_POLL_MS = 1000;
const FAST_FOR_MS = 5000;

/**
 * Tells the search cache when the read replica has caught up with a change. Change notifications
 * come from the primary, so the cache is cleared before the replica has replayed the change; a
 * search in that window reads the replica's older state and would be cached as if it were new. On
 * each change this takes the primary's flushed WAL position (`pg_current_wal_flush_lsn()`, which the
 * change's commit is at or before) and asks the replica (`pg_last_wal_replay_lsn()`) until it has
 * replayed that far, then calls `onCaughtUp` — which clears the cache again, dropping anything
 * cached (or still being computed) from the stale state. A replica that is not in recovery
 * (promoted, or the primary itself) counts as caught up.
 *
 * Changes arriving in a burst (a crawl) share one position query and one poll.
 */
export class ReplicaCatchUp {
  private target: bigint | undefined;
  private fetching = false;
  private refetch = false;
  private polling = false;
  private closed = false;
  private failing = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly onCaughtUp: () => void,
    private readonly onError: (error: unknown, where: 'primary' | 'replica') => void,
  ) {}

  /** A change was committed on the primary (a notification arrived, or this process wrote). */
  changed(): void {
    if (this.closed) return;
    if (this.fetching) {
      // The position being fetched may predate this change: fetch once more when it is back.
      this.refetch = true;
      return;
    }
    void this.fetchTarget();
  }

  /** Stops polling (the app is closing). */
  close(): void {
    this.closed = true;
  }

  private async fetchTarget(): Promise<void> {
    this.fetching = true;
    try {
      do {
        this.refetch = false;
        const [row] = await this.orm.em.getConnection('write').execute<{ lsn: string }[]>('select pg_current_wal_flush_lsn()::text as lsn');
        const lsn = parseLsn(row.lsn);
        if (this.target === undefined || lsn > this.target) this.target = lsn;
      } while (this.refetch && !this.closed);
    } catch (error) {
      // Without a position there is nothing to wait for: the answers' TTL bounds the staleness.
      if (!this.closed) this.onError(error, 'primary');
    } finally {
      this.fetching = false;
    }
    if (!this.polling) void this.poll();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    const started = Date.now();
    try {
      while (this.target !== undefined && !this.closed) {
        const target = this.target;
        let replayed: bigint | null | undefined;
        try {
          const [row] = await this.orm.em.getConnection('read').execute<{ lsn: string | null }[]>('select pg_last_wal_replay_lsn()::text as lsn');
          replayed = row.lsn === null ? null : parseLsn(row.lsn);
          this.failing = false;
        } catch (error) {
          // Said once per outage, not on every poll.
          if (!this.failing && !this.closed) this.onError(error, 'replica');
          this.failing = true;
        }
        if (replayed === null || (replayed !== undefined && replayed >= target)) {
          if (this.target === target) this.target = undefined;
          this.onCaughtUp();
          continue;
        }
        const delay = Date.now() - started < FAST_FOR_MS ? FAST_POLL_MS : SLOW_POLL_MS;
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    } finally {
      this.polling = false;
    }
  }
}
