import type { MikroORM } from '@mikro-orm/postgresql';
import { systemClock, type Clock, type DelayCoordinator } from '@pathfinder/sdk';

export interface PostgresDelayCoordinatorOptions {
  /** The clock the fetcher uses (waiting goes through it). Default: the system clock. */
  clock?: Clock;
  /** Stops a wait for a busy host (the crawl was cancelled). */
  signal?: AbortSignal;
  /**
   * How long a reservation holds the host beyond the delay while its request is in flight; if the
   * holder dies, the host frees itself after this. Default 120 s (longer than a request's timeout).
   */
  holdMs?: number;
  /** How often a worker waiting for a busy host looks again. Default 250 ms. */
  pollMs?: number;
  /**
   * The source whose crawl this is, written as the host's holder while a request is in flight, so
   * the orphan sweep can give the host back if this worker dies (see `releaseHostsHeldBy`).
   */
  holder?: string;
}

/**
 * Per-host crawl delays across processes, on the `host_slots` table. `reserve` takes the host:
 * one atomic upsert succeeds only when the host's next allowed time has passed, and then holds the
 * host until `release` records the end of the response + the delay. Another worker asking meanwhile
 * waits (polling) until then, so two workers never send to one host closer than its delay, measured
 * from the end of one response to the start of the next, like the fetcher does within a process.
 *
 * @example
 * const coordinator = new PostgresDelayCoordinator(orm, { signal });
 * await runCrawl({ plugin, orm, coordinator });
 */
export class PostgresDelayCoordinator implements DelayCoordinator {
  private readonly clock: Clock;
  private readonly holdMs: number;
  private readonly pollMs: number;
  /** The hold value this instance wrote per host (and the delay it asked for), so `release` only shortens its own hold. */
  private readonly holds = new Map<string, { until: number; delayMs: number }[]>();

  constructor(
    private readonly orm: MikroORM,
    private readonly options: PostgresDelayCoordinatorOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.holdMs = options.holdMs ?? 120_000;
    this.pollMs = options.pollMs ?? 250;
  }

  async reserve(host: string, delayMs: number, nowMs: number): Promise<number> {
    let now = nowMs;
    for (;;) {
      const holdUntil = now + delayMs + this.holdMs;
      // Insert-or-take in one statement: of two workers racing, exactly one sees its row returned.
      const taken = await this.execute(
        `insert into host_slots (host, next_allowed_at, holder) values (?, ?, ?)
         on conflict (host) do update set next_allowed_at = excluded.next_allowed_at, holder = excluded.holder
         where host_slots.next_allowed_at <= ?
         returning host`,
        [host, new Date(holdUntil), this.options.holder ?? null, new Date(now)],
      );
      if (taken.length === 1) {
        const list = this.holds.get(host) ?? [];
        list.push({ until: holdUntil, delayMs });
        this.holds.set(host, list);
        return now;
      }
      const [row] = await this.execute(`select next_allowed_at from host_slots where host = ?`, [host]);
      const next = row ? new Date(row.next_allowed_at as string | Date).getTime() : now;
      // Wake at the released time, or sooner to notice a holder that releases early.
      await this.clock.sleep(Math.max(1, Math.min(next - now, this.pollMs)), this.options.signal);
      now = this.clock.now();
    }
  }

  async release(host: string, endMs: number, delayMs: number): Promise<void> {
    // Taken off the list only once written: a release that failed (the database went away) is
    // still outstanding for `releaseOutstanding`.
    const list = this.holds.get(host);
    const hold = list?.[0]?.until;
    const next = new Date(endMs + delayMs);
    // Our own hold is replaced by end + delay; if it expired and another worker took the host
    // meanwhile, its (later) hold must not be shortened.
    await this.execute(
      `update host_slots set next_allowed_at = case when next_allowed_at = ? then ?::timestamptz else greatest(next_allowed_at, ?::timestamptz) end,
         holder = case when next_allowed_at = ? then null else holder end
       where host = ?`,
      [hold === undefined ? null : new Date(hold), next, next, hold === undefined ? null : new Date(hold), host],
    );
    list?.shift();
  }

  /**
   * Gives back the hosts this crawl still holds, as if their requests had ended at `nowMs`: for a
   * crawl whose requests were cut without their `release` reaching the table (the database was lost
   * meanwhile), so its retry does not wait out the whole hold.
   */
  async releaseOutstanding(nowMs: number): Promise<void> {
    for (const [host, list] of this.holds) {
      for (const hold of list.splice(0)) {
        await this.execute(`update host_slots set next_allowed_at = ?, holder = null where host = ? and next_allowed_at = ?`, [new Date(nowMs + hold.delayMs), host, new Date(hold.until)]);
      }
    }
  }

  private async execute(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.orm.em.getConnection().execute(sql, params, 'all')) as Record<string, unknown>[];
  }
}

/**
 * Gives back the hosts a dead worker's crawl of `sourceId` still holds: each may be asked again one
 * crawl delay (the source's) from now, instead of when the hold runs out. Called by the orphan checks
 * once they know the crawl's worker is gone (its lease is free).
 */
export async function releaseHostsHeldBy(orm: MikroORM, sourceId: string): Promise<void> {
  await orm.em.getConnection().execute(
    `update host_slots set next_allowed_at = least(next_allowed_at, now() + make_interval(secs => coalesce(
       (select crawl_delay_seconds from data_sources where id = ?), 5))), holder = null
     where holder = ?`,
    [sourceId, sourceId],
  );
}
