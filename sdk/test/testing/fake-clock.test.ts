import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';

describe('FakeClock', () => {
  it('sleeps by advancing time at once and records each sleep', async () => {
    const clock = new FakeClock(1_000);
    await clock.sleep(5_000);
    await clock.sleep(-3);
    clock.advance(250);
    expect(clock.now()).toBe(6_250);
    expect(clock.sleeps).toEqual([5_000, 0]);
  });

  it('rejects a sleep on an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new FakeClock().sleep(10, ac.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it('never goes backwards', () => {
    const clock = new FakeClock(100);
    clock.set(50);
    expect(clock.now()).toBe(100);
    clock.set(500);
    expect(clock.now()).toBe(500);
  });
});
