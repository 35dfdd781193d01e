import { describe, expect, it } from 'vitest';
import { closingDateToUtc } from '../src/closing-date.js';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('closingDateToUtc (end of the local day)', () => {
  it('reads a bare date as 23:59:59 local in the province\'s zone', () => {
    expect(closingDateToUtc('December 4, 2026', 'America/Vancouver', NOW)).toBe('2026-12-05T07:59:59.000Z');
    expect(closingDateToUtc('December 4, 2026', 'America/Toronto', NOW)).toBe('2026-12-05T04:59:59.000Z');
    expect(closingDateToUtc('2026-12-11', 'America/Edmonton', NOW)).toBe('2026-12-12T06:59:59.000Z');
    expect(closingDateToUtc('30 November 2026', 'America/Vancouver', NOW)).toBe('2026-12-01T07:59:59.000Z');
    expect(closingDateToUtc('January 15, 2027', 'America/Regina', NOW)).toBe('2027-01-16T05:59:59.000Z');
    expect(closingDateToUtc('4 décembre 2026', 'America/Toronto', NOW)).toBe('2026-12-05T04:59:59.000Z');
    expect(closingDateToUtc('July 2, 2026', 'America/St_Johns', NOW)).toBe('2026-07-03T02:29:59.000Z');
  });

  it('handles summer time and the days clocks change', () => {
    expect(closingDateToUtc('June 30, 2026', 'America/Vancouver', NOW)).toBe('2026-07-01T06:59:59.000Z');
    // 2026-03-08 (spring forward) and 2026-11-01 (fall back): the day's last second is still right.
    expect(closingDateToUtc('March 8, 2026', 'America/Vancouver', NOW)).toBe('2026-03-09T06:59:59.000Z');
    expect(closingDateToUtc('November 1, 2026', 'America/Vancouver', NOW)).toBe('2026-11-02T07:59:59.000Z');
  });

  it('keeps an explicit time', () => {
    expect(closingDateToUtc('Dec. 4, 2026 4:00 PM', 'America/Vancouver', NOW)).toBe('2026-12-05T00:00:00.000Z');
  });

  it('reads relative phrases against now, then moves to the end of that day', () => {
    expect(closingDateToUtc('closes in 3 days', 'America/Toronto', NOW)).toBe('2026-11-25T04:59:59.000Z');
  });

  it('gives undefined for text that is not a date', () => {
    expect(closingDateToUtc('Open until filled', 'America/Toronto', NOW)).toBeUndefined();
    expect(closingDateToUtc('', 'America/Toronto', NOW)).toBeUndefined();
  });
});
