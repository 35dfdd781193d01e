import type { HitResult, WindowRule } from './fixed-window.js';

/** Keys kept before a sweep drops the windows that have ended (bounds memory under many client addresses). */
const SWEEP_AT = 50_000;

/**
 * Fixed windows counted in this process's memory. For limits on cheap, frequent reads (search):
 * a database write per request would cost more than a cached answer itself. Each API process counts
 * on its own, so N processes allow up to N times the limit — acceptable for a limit meant to stop
 * one client hammering, not to meter it exactly.
 *
 * @example
 * const windows = new MemoryWindows();
 * const r = windows.hit('search:ip:203.0.113.9', { limit: 120, windowSeconds: 60 });
 */
export class MemoryWindows {
  private readonly counts = new Map<string, { start: number; count: number }>();

  hit(key: string, rule: WindowRule, nowMs = Date.now()): HitResult {
    const windowMs = rule.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let entry = this.counts.get(key);
    if (!entry || entry.start !== start) {
      if (!entry && this.counts.size >= SWEEP_AT) this.sweep(nowMs, windowMs);
      entry = { start, count: 0 };
      this.counts.set(key, entry);
    }
    entry.count += 1;
    return { allowed: entry.count <= rule.limit, count: entry.count, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
  }

  private sweep(nowMs: number, windowMs: number): void {
    for (const [key, entry] of this.counts) if (entry.start + windowMs <= nowMs) this.counts.delete(key);
    // Still full (a flood of fresh addresses within one window): start over rather than grow without bound.
    if (this.counts.size >= SWEEP_AT) this.counts.clear();
  }
}
