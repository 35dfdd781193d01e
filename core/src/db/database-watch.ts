import pg from 'pg';
import { silentLogger, type Logger } from '@pathfinder/sdk';
import { isDatabaseUnavailable } from './database-unavailable.js';

export interface DatabaseWatchOptions {
  /** How often the database is tried while it is lost. Default 1000 ms. */
  probeMs?: number;
  log?: Logger;
}

/**
 * One process's view of whether its database answers. Whoever meets a connection error (pg-boss's
 * poll loop, a crawl's write, a promise nobody awaited) reports it with `lost()`: the first report
 * logs `database lost, waiting for it to come back`, the others add nothing, and a probe tries the
 * database every second until it answers (`database is back`). Work that cannot go on without the
 * database waits with `waitUntilBack()` instead of failing or crashing the process.
 *
 * @example
 * const watch = new DatabaseWatch(url, { log });
 * try { await write() } catch (e) { if (!watch.report(e, 'crawl')) throw e; await watch.waitUntilBack(signal) }
 */
export class DatabaseWatch {
  private readonly probeMs: number;
  private readonly log: Logger;
  private lostSince?: number;
  private probe?: NodeJS.Timeout;
  private probing = false;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly connectionString: string, options: DatabaseWatchOptions = {}) {
    this.probeMs = options.probeMs ?? 1000;
    this.log = options.log ?? silentLogger;
  }

  /** True from the first report of a lost database until a probe reached it again. */
  get isLost(): boolean {
    return this.lostSince !== undefined;
  }

  /**
   * Reports `error` if it says the database cannot be reached (returns true), else returns false
   * and leaves it to the caller: anything else is a real error.
   */
  report(error: unknown, where: string): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    this.lost(error, where);
    return true;
  }

  /** Notes that the database cannot be reached (logged once per outage) and starts probing for it. */
  lost(error: unknown, where: string): void {
    if (this.stopped || this.lostSince !== undefined) return;
    this.lostSince = Date.now();
    this.log.warn('database lost, waiting for it to come back', { where, message: (error as Error)?.message ?? String(error) });
    this.probe = setInterval(() => void this.tryDatabase(), this.probeMs);
    this.probe.unref();
  }

  /**
   * Resolves once the database answers (at once when it is not known lost). Rejects with the signal's
   * reason if `signal` aborts first (the process is stopping: nothing more will be written).
   */
  waitUntilBack(signal?: AbortSignal): Promise<void> {
    if (this.lostSince === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Stops probing (on shutdown); waiters are left to their signals. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.probe);
  }

  private async tryDatabase(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: Math.max(this.probeMs, 2000), application_name: 'pathfinder-probe' });
    // A refused or cut probe is the expected answer while the database is away.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      this.back();
    } catch {
      // Still away: the next tick tries again.
    } finally {
      this.probing = false;
      await client.end().catch(() => undefined);
    }
  }

  private back(): void {
    if (this.lostSince === undefined) return;
    clearInterval(this.probe);
    this.log.info('database is back', { downSeconds: Math.round((Date.now() - this.lostSince) / 1000) });
    this.lostSince = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resume of waiters) resume();
  }
}
