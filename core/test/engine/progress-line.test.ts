import { describe, expect, it } from 'vitest';
import { formatProgressLine } from '../../src/engine/progress-line.js';
import { RunProgressTracker } from '../../src/engine/run-progress.js';
import { FakeClock } from '@pathfinder/sdk/testing';

describe('formatProgressLine (the CLI\'s live line)', () => {
  const at = (p: Partial<Parameters<typeof formatProgressLine>[0]>) =>
    formatProgressLine({ requests: 0, postings: 0, skipped: 0, nextRequestAt: null, startedAt: 0, now: 0, ...p });

  it('shows the counters and the elapsed time', () => {
    expect(at({})).toBe('0 requests · 0 postings · 0 skipped · 0:00 elapsed');
    expect(at({ requests: 1, postings: 1, skipped: 2, now: 65_400 })).toBe('1 request · 1 posting · 2 skipped · 1:05 elapsed');
    expect(at({ requests: 812, postings: 640, skipped: 31, startedAt: 1000, now: 1000 + 3_725_000 })).toBe('812 requests · 640 postings · 31 skipped · 1:02:05 elapsed');
  });

  it('shows when the next request is due while one waits', () => {
    expect(at({ requests: 3, nextRequestAt: 19_000, now: 14_800 })).toBe('3 requests · 0 postings · 0 skipped · next request in 4.2 s · 0:14 elapsed');
    expect(at({ nextRequestAt: 6000, now: 1000 })).toBe('0 requests · 0 postings · 0 skipped · next request in 5 s · 0:01 elapsed');
    expect(at({ nextRequestAt: 60_000, now: 1000 })).toContain('next request in 59 s');
    // Due already (the line is drawn a moment late): never a negative wait.
    expect(at({ nextRequestAt: 1000, now: 1500 })).toContain('next request in 0 s');
  });
});

describe('RunProgressTracker', () => {
  it('learns the next request\'s due time from the fetcher\'s clock waits', async () => {
    const clock = new FakeClock(1_000_000);
    const seen: (number | null)[] = [];
    const tracker = new RunProgressTracker({ clock, startedAt: clock.now(), onChange: (p) => seen.push(p.nextRequestAt) });
    const watched = tracker.watchClock(clock);
    tracker.request();
    await watched.sleep(6000);
    tracker.request();
    expect(seen).toEqual([null, 1_006_000, null]);
    expect(tracker.snapshot()).toMatchObject({ requests: 2, nextRequestAt: null, now: 1_006_000 });
  });

  it('writes at most once per interval, and the last change after the burst', async () => {
    const writes: number[] = [];
    const tracker = new RunProgressTracker({
      clock: new FakeClock(0), startedAt: 0, persistEveryMs: 200,
      persist: async (p) => {
        writes.push(p.requests);
      },
    });
    for (let i = 0; i < 50; i++) tracker.request();
    // The burst's last count is written by the deferred write, ~200 ms later (generous bound for a busy machine).
    for (let waited = 0; writes.at(-1) !== 50 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await tracker.stop();
    expect(writes[0]).toBe(1);
    expect(writes.at(-1)).toBe(50);
    expect(writes.length).toBeLessThanOrEqual(3);
    tracker.request();
    await new Promise((r) => setTimeout(r, 250));
    expect(writes.at(-1)).toBe(50); // stopped: nothing written after the run's end
  });
});
