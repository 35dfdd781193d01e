import type { Clock } from '@pathfinder/sdk';
import type { RunProgress } from '../db/entities/index.js';

/** A running crawl's counters as the CLI's live line shows them (times on the crawl's clock, in ms). */
export interface LiveProgress {
  requests: number;
  postings: number;
  skipped: number;
  /** When the next request is due, or null when none is waiting for its turn. */
  nextRequestAt: number | null;
  startedAt: number;
  now: number;
}

export interface RunProgressOptions {
  clock: Clock;
  startedAt: number;
  /** Called on every change (the CLI redraws its line). */
  onChange?: (progress: LiveProgress) => void;
  /** Stores the counters (the scrape log row); called at most once per `persistEveryMs`, never twice at once. */
  persist?: (progress: RunProgress) => Promise<void>;
  /** Default 2000 ms (real time). */
  persistEveryMs?: number;
  /** Told when a write fails; the run goes on. */
  onPersistError?: (error: unknown) => void;
}

/**
 * Counts a run's requests, postings and skips, learns when the next request is due by watching
 * the fetcher's clock (every politeness wait is a `clock.sleep`), and writes the counters to the
 * database at most every ~2 s of real time, so API processes on other machines can show them.
 */
export class RunProgressTracker {
  private readonly counters = { requests: 0, postings: 0, skipped: 0 };
  private nextRequestAt: number | null = null;
  private lastWrite = 0;
  private writing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** A change came while a write was in flight: write again once it is done. */
  private dirty = false;
  private readonly everyMs: number;

  constructor(private readonly o: RunProgressOptions) {
    this.everyMs = o.persistEveryMs ?? 2000;
  }

  request(): void {
    this.counters.requests++;
    this.changed();
  }

  posting(): void {
    this.counters.postings++;
    this.changed();
  }

  skipped(n = 1): void {
    this.counters.skipped += n;
    this.changed();
  }

  snapshot(): LiveProgress {
    return { ...this.counters, nextRequestAt: this.nextRequestAt, startedAt: this.o.startedAt, now: this.o.clock.now() };
  }

  /**
   * The clock to give the fetcher: the same clock, but a `sleep` (a request waiting for its slot)
   * sets the due time, and its end clears it.
   */
  watchClock(clock: Clock): Clock {
    return {
      now: () => clock.now(),
      sleep: async (ms, signal) => {
        this.nextRequestAt = clock.now() + ms;
        this.changed();
        try {
          await clock.sleep(ms, signal);
        } finally {
          this.nextRequestAt = null;
        }
      },
    };
  }

  /** Stops writing and waits for a write in flight, so no late write lands after the run's final one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.writing;
  }

  private changed(): void {
    this.o.onChange?.(this.snapshot());
    if (!this.o.persist || this.stopped || this.timer) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    const wait = this.lastWrite + this.everyMs - Date.now();
    if (wait <= 0) this.write();
    else {
      // Real time on purpose: this spaces database writes, whatever clock the crawl runs on.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.write();
      }, wait);
      this.timer.unref();
    }
  }

  private write(): void {
    if (this.stopped || !this.o.persist) return;
    this.lastWrite = Date.now();
    this.dirty = false;
    const s = this.snapshot();
    this.writing = this.o.persist({
      requests: s.requests,
      postings: s.postings,
      skipped: s.skipped,
      nextRequestAt: s.nextRequestAt === null ? null : new Date(s.nextRequestAt).toISOString(),
      updatedAt: new Date(this.lastWrite).toISOString(),
    }).catch((e: unknown) => this.o.onPersistError?.(e)).finally(() => {
      this.writing = undefined;
      if (this.dirty) this.changed();
    });
  }
}
