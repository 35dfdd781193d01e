import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/index.js';

// 2026-11-20 07:00 in Toronto (EST, UTC-5).
const now = new Date('2026-11-20T12:00:00Z');

describe('parseDate', () => {
  it.each([
    ['Wed, 02 Dec 2026 09:30:00 -0800', '2026-12-02T17:30:00.000Z'],
    ['Thu, 03 Dec 2026 10:00:00 GMT', '2026-12-03T10:00:00.000Z'],
    ['Thu, 03 Dec 2026 10:00:00 EST', '2026-12-03T15:00:00.000Z'],
    ['Fri, 03 Jul 2026 10:00:00 NDT', '2026-07-03T12:30:00.000Z'],
    ['03 Dec 2026 10:00 +0000', '2026-12-03T10:00:00.000Z'],
    ['Thu, 03 Dec 26 10:00:00 -0500', '2026-12-03T15:00:00.000Z'],
  ])('reads RFC 822 %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads an RFC 822 date without a zone as Toronto local time', () => {
    expect(parseDate('Thu, 03 Dec 2026 10:00:00')).toBe('2026-12-03T15:00:00.000Z');
  });

  it.each([
    ['2026-12-04T10:00:00Z', '2026-12-04T10:00:00.000Z'],
    ['2026-12-04T10:00:00.123+01:00', '2026-12-04T09:00:00.123Z'],
    ['2026-12-04T10:00:00', '2026-12-04T15:00:00.000Z'],
    ['2026-07-04T10:00', '2026-07-04T14:00:00.000Z'],
    ['2026-12-04', '2026-12-04T05:00:00.000Z'],
    ['2026-07-04', '2026-07-04T04:00:00.000Z'],
    ['2026/12/04', '2026-12-04T05:00:00.000Z'],
  ])('reads ISO %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    ['December 4, 2026', '2026-12-04T05:00:00.000Z'],
    ['Dec 4, 2026', '2026-12-04T05:00:00.000Z'],
    ['Dec. 4 2026', '2026-12-04T05:00:00.000Z'],
    ['Friday, December 4th, 2026', '2026-12-04T05:00:00.000Z'],
    ['4 December 2026', '2026-12-04T05:00:00.000Z'],
    ['4 décembre 2026', '2026-12-04T05:00:00.000Z'],
    ['1er juillet 2026', '2026-07-01T04:00:00.000Z'],
    ['04-Dec-2026', '2026-12-04T05:00:00.000Z'],
    ['December 4, 2026 at 11:59 PM', '2026-12-05T04:59:00.000Z'],
    ['July 4, 2026 12:00 am', '2026-07-04T04:00:00.000Z'],
  ])('reads the written Canadian local date %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('honours another time zone', () => {
    expect(parseDate('December 4, 2026', { timeZone: 'America/Vancouver' })).toBe('2026-12-04T08:00:00.000Z');
    expect(parseDate('December 4, 2026', { timeZone: 'America/St_Johns' })).toBe('2026-12-04T03:30:00.000Z');
  });

  it.each([
    ['closes today', '2026-11-20T05:00:00.000Z'],
    ['Closes tomorrow', '2026-11-21T05:00:00.000Z'],
    ['closes in 12 days', '2026-12-02T05:00:00.000Z'],
    ['closes in 1 day', '2026-11-21T05:00:00.000Z'],
    ['in 2 weeks', '2026-12-04T05:00:00.000Z'],
    ['3 days ago', '2026-11-17T05:00:00.000Z'],
    ['Posted yesterday', '2026-11-19T05:00:00.000Z'],
  ])('reads the relative phrase %s against now', (input, expected) => {
    expect(parseDate(input, { now })).toBe(expected);
  });

  it('counts relative days on the local calendar (late evening in Toronto is still "today")', () => {
    // 2026-11-21T03:00Z is 22:00 on Nov 20 in Toronto.
    expect(parseDate('closes today', { now: new Date('2026-11-21T03:00:00Z') })).toBe('2026-11-20T05:00:00.000Z');
  });

  it('crosses DST correctly', () => {
    // DST ends 2026-11-01 in Toronto: Oct 31 local midnight is UTC-4, Nov 2 is UTC-5.
    expect(parseDate('closes in 2 days', { now: new Date('2026-10-31T12:00:00Z') })).toBe('2026-11-02T05:00:00.000Z');
  });

  it('reads Unix seconds and milliseconds', () => {
    expect(parseDate(1764860400)).toBe('2025-12-04T15:00:00.000Z');
    expect(parseDate('1764860400')).toBe('2025-12-04T15:00:00.000Z');
    expect(parseDate(1764860400000)).toBe('2025-12-04T15:00:00.000Z');
  });

  it.each(['', 'soon', 'February 30, 2026', '2026-13-01', 'closes whenever', '32 Dec 2026 10:00:00 GMT'])('rejects %j', (input) => {
    expect(parseDate(input, { now })).toBeUndefined();
  });
});

describe('parseDate with labels', () => {
  it('drops a leading label', () => {
    expect(parseDate('Closing Date: December 4, 2026')).toBe('2026-12-04T05:00:00.000Z');
    expect(parseDate('Date de clôture : 4 décembre 2026')).toBe('2026-12-04T05:00:00.000Z');
    expect(parseDate('Deadline: closes in 2 days', { now: new Date('2026-11-20T12:00:00Z') })).toBe('2026-11-22T05:00:00.000Z');
  });
});
