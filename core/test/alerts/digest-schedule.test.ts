import { describe, expect, it } from 'vitest';
import { DIGEST_SCHEDULES, DIGEST_TIMEZONE, isDigestDue, latestDigestSlot } from '../../src/alerts/digest-schedule.js';
import { nextCronTime } from '../../src/scheduler/cron.js';

const at = (iso: string) => new Date(iso);

// 2026 in Toronto: EST (UTC−5) until Sunday March 8 02:00, EDT (UTC−4) until Sunday November 1 02:00.
describe('latestDigestSlot (America/Toronto)', () => {
  it.each([
    // daily: 08:00 Toronto is 13:00Z in winter, 12:00Z in summer
    ['daily', '2026-03-07T12:59:00Z', '2026-03-06T13:00:00.000Z'], // 07:59 EST: still yesterday's
    ['daily', '2026-03-07T13:00:00Z', '2026-03-07T13:00:00.000Z'], // 08:00 EST exactly
    ['daily', '2026-03-08T11:59:00Z', '2026-03-07T13:00:00.000Z'], // 07:59 EDT, the morning DST began
    ['daily', '2026-03-08T12:00:00Z', '2026-03-08T12:00:00.000Z'], // 08:00 EDT: 23 hours after the last
    ['daily', '2026-11-01T12:30:00Z', '2026-10-31T12:00:00.000Z'], // 07:30 EST, the morning DST ended
    ['daily', '2026-11-01T13:00:00Z', '2026-11-01T13:00:00.000Z'], // 08:00 EST: 25 hours after the last
    ['daily', '2026-01-01T04:30:00Z', '2025-12-31T13:00:00.000Z'], // 23:30 on Dec 31 in Toronto, already Jan 1 in UTC
    // weekly: Monday 08:00
    ['weekly', '2026-03-09T11:59:00Z', '2026-03-02T13:00:00.000Z'], // Monday 07:59 EDT: last Monday's (EST)
    ['weekly', '2026-03-09T12:00:00Z', '2026-03-09T12:00:00.000Z'], // Monday 08:00 EDT
    ['weekly', '2026-03-15T23:00:00Z', '2026-03-09T12:00:00.000Z'], // the Sunday after
    ['weekly', '2026-11-02T12:30:00Z', '2026-10-26T12:00:00.000Z'], // Monday 07:30 EST: last Monday's (EDT)
    ['weekly', '2026-11-02T13:00:00Z', '2026-11-02T13:00:00.000Z'], // Monday 08:00 EST
  ] as const)('%s at %s → %s', (frequency, now, slot) => {
    expect(latestDigestSlot(frequency, at(now)).toISOString()).toBe(slot);
  });

  it('agrees with the pg-boss cron of each digest every 29 h through a year (both DST changes)', () => {
    for (const frequency of ['daily', 'weekly'] as const) {
      for (let t = Date.UTC(2026, 0, 1, 17, 17); t < Date.UTC(2027, 0, 1); t += 29 * 3_600_000 + 13 * 60_000) {
        const now = new Date(t);
        const slot = latestDigestSlot(frequency, now);
        // The cron's next firing after (slot − 1 min) is the slot itself, and after it comes the one after now.
        expect(nextCronTime(DIGEST_SCHEDULES[frequency], new Date(slot.getTime() - 60_000), DIGEST_TIMEZONE)?.toISOString()).toBe(slot.toISOString());
        expect(nextCronTime(DIGEST_SCHEDULES[frequency], slot, DIGEST_TIMEZONE)!.getTime()).toBeGreaterThan(now.getTime());
      }
    }
  });
});

describe('isDigestDue', () => {
  it('is due when never sent', () => {
    expect(isDigestDue('daily', null, at('2026-05-05T15:00:00Z'))).toBe(true);
    expect(isDigestDue('weekly', undefined, at('2026-05-05T15:00:00Z'))).toBe(true);
  });

  it('sends one daily digest per Toronto day, across the spring DST change', () => {
    const sentSat = at('2026-03-07T13:00:05Z'); // Saturday 08:00:05 EST
    expect(isDigestDue('daily', sentSat, at('2026-03-07T20:00:00Z'))).toBe(false); // later that Saturday
    expect(isDigestDue('daily', sentSat, at('2026-03-08T11:59:00Z'))).toBe(false); // Sunday 07:59 EDT
    expect(isDigestDue('daily', sentSat, at('2026-03-08T12:00:00Z'))).toBe(true); // Sunday 08:00 EDT
  });

  it('sends one daily digest per Toronto day, across the autumn DST change', () => {
    const sentSat = at('2026-10-31T12:00:05Z'); // Saturday 08:00:05 EDT
    expect(isDigestDue('daily', sentSat, at('2026-11-01T12:00:00Z'))).toBe(false); // Sunday 07:00 EST, 24 h later
    expect(isDigestDue('daily', sentSat, at('2026-11-01T13:00:00Z'))).toBe(true); // Sunday 08:00 EST
  });

  it('sends one weekly digest per week, on Monday 08:00', () => {
    const sent = at('2026-10-26T12:00:00Z'); // Monday 08:00 EDT
    expect(isDigestDue('weekly', sent, at('2026-10-26T12:00:00Z'))).toBe(false); // the same instant: not again
    expect(isDigestDue('weekly', sent, at('2026-11-01T23:00:00Z'))).toBe(false); // Sunday
    expect(isDigestDue('weekly', sent, at('2026-11-02T12:30:00Z'))).toBe(false); // Monday 07:30 EST
    expect(isDigestDue('weekly', sent, at('2026-11-02T13:00:00Z'))).toBe(true); // Monday 08:00 EST
  });

  it('lets a late run catch up (worker down at 08:00), once', () => {
    const sent = at('2026-06-01T12:00:00Z');
    const late = at('2026-06-02T18:45:00Z');
    expect(isDigestDue('daily', sent, late)).toBe(true);
    expect(isDigestDue('daily', late, at('2026-06-02T19:00:00Z'))).toBe(false);
  });
});
