import { describe, expect, it } from 'vitest';
import {
  endOfLocalDay,
  jsonLdIdentifier,
  jsonLdIsRemote,
  jsonLdPlace,
  jsonLdToPosting,
  parseDate,
  timeZoneForProvince,
  wallClock,
  zonedToUtc,
} from '../../src/index.js';

describe('JSON-LD pieces (SDK 1.1)', () => {
  it('reads an identifier in every shape sites use', () => {
    expect(jsonLdIdentifier('  CB-3391 ')).toBe('CB-3391');
    expect(jsonLdIdentifier(42)).toBe('42');
    expect(jsonLdIdentifier({ '@type': 'PropertyValue', name: 'Career Edge', value: 'CE-24017' })).toBe('CE-24017');
    expect(jsonLdIdentifier({ '@value': 'X-1' })).toBe('X-1');
    expect(jsonLdIdentifier([{ value: '' }, null, 7])).toBe('7');
    expect(jsonLdIdentifier('x'.repeat(300))).toHaveLength(200);
    expect(jsonLdIdentifier(Number.NaN)).toBeUndefined();
    expect(jsonLdIdentifier([])).toBeUndefined();
  });

  it('tells remote work and reads places with structured or plain-string addresses', () => {
    expect(jsonLdIsRemote('TELECOMMUTE')).toBe(true);
    expect(jsonLdIsRemote(['ONSITE', 'telecommute'])).toBe(true);
    expect(jsonLdIsRemote(undefined)).toBe(false);
    expect(jsonLdPlace({ address: { addressLocality: 'Halifax', addressRegion: 'Nouvelle-Écosse' } })).toEqual({ city: 'Halifax', province: 'NS' });
    expect(jsonLdPlace([{ address: {} }, { address: 'Toronto, ON' }])).toEqual({ city: 'Toronto', province: 'ON' });
    expect(jsonLdPlace(undefined)).toEqual({});
  });

  it('lets jsonLdToPosting use them: list identifiers and string addresses', () => {
    const p = jsonLdToPosting({ '@type': 'JobPosting', title: 'Analyst', identifier: [{ value: 'A-1' }], jobLocation: { address: 'Regina, Saskatchewan' } });
    expect(p).toMatchObject({ externalId: 'A-1', city: 'Regina', province: 'SK' });
  });
});

describe('time zones (SDK 1.1)', () => {
  it('maps provinces to zones, Toronto when unknown', () => {
    expect(timeZoneForProvince('BC')).toBe('America/Vancouver');
    expect(timeZoneForProvince('SK')).toBe('America/Regina');
    expect(timeZoneForProvince('NL')).toBe('America/St_Johns');
    expect(timeZoneForProvince(undefined)).toBe('America/Toronto');
  });

  it('gives the last second of a local day, across DST changes', () => {
    const tz = 'America/Vancouver';
    expect(endOfLocalDay(parseDate('December 4, 2026', { timeZone: tz })!, tz)).toBe('2026-12-05T07:59:59.000Z');
    expect(endOfLocalDay(parseDate('March 8, 2026', { timeZone: tz })!, tz)).toBe('2026-03-09T06:59:59.000Z');
    expect(endOfLocalDay(Date.parse('2026-11-02T06:00:00Z'), tz)).toBe('2026-11-02T07:59:59.000Z');
    expect(endOfLocalDay(new Date('2026-07-02T12:00:00Z'), 'America/St_Johns')).toBe('2026-07-03T02:29:59.000Z');
  });

  it('converts wall-clock times both ways', () => {
    expect(new Date(zonedToUtc(2026, 12, 4, 23, 59, 59, 'America/Halifax')).toISOString()).toBe('2026-12-05T03:59:59.000Z');
    expect(wallClock(Date.parse('2026-12-05T07:59:59Z'), 'America/Vancouver')).toEqual({ y: 2026, m: 12, d: 4, h: 23, mi: 59, s: 59 });
  });
});
