import type { Clock } from '../fetch/clock.js';
import { abortReason } from '../fetch/clock.js';

/**
 * A clock that never waits: `sleep(ms)` advances the time by `ms` and resolves at once.
 * It records every sleep, so tests can assert on waits without timing anything.
 *
 * @example
 * ```ts
 * const clock = new FakeClock(Date.parse('2026-11-20T12:00:00Z'));
 * await clock.sleep(5_000);
 * clock.now(); // start + 5 000
 * ```
 */
export class FakeClock implements Clock {
  private current: number;
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];

  constructor(startMs: number = Date.UTC(2026, 0, 15, 17, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const step = Math.max(0, ms);
    this.sleeps.push(step);
    this.current += step;
    return Promise.resolve();
  }

  /** Moves the time forward (e.g. to simulate a slow response). */
  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  /** Sets the time (never backwards). */
  set(ms: number): void {
    this.current = Math.max(this.current, ms);
  }
}
