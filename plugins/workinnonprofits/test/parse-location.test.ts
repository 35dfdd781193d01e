import { describe, expect, it } from 'vitest';
import { parseLocationLines, workModeToLocationType } from '../src/parse-location.js';

describe('parseLocationLines', () => {
  it('reads one line', () => {
    expect(parseLocationLines(['Halifax, Nova Scotia'])).toEqual({ city: 'Halifax', province: 'NS' });
    expect(parseLocationLines(['  Calgary,   AB  '])).toEqual({ city: 'Calgary', province: 'AB' });
    expect(parseLocationLines(['Location: Sydney, NS'])).toEqual({ city: 'Sydney', province: 'NS' });
    expect(parseLocationLines(['Lieu : Gatineau (Québec)'])).toEqual({ city: 'Gatineau', province: 'QC' });
  });

  it('joins a place split over lines, keeps the line that names most', () => {
    expect(parseLocationLines(['Wolfville,', 'Nova Scotia'])).toEqual({ city: 'Wolfville', province: 'NS' });
    expect(parseLocationLines(['Toronto, Ontario', 'Hybrid - 3 days a week in the office'])).toEqual({
      city: 'Toronto', province: 'ON', locationType: 'hybrid',
    });
    expect(parseLocationLines(['Head office', 'Winnipeg, MB', 'R3C 4T3'])).toMatchObject({ city: 'Winnipeg', province: 'MB' });
  });

  it('gives remote without a place for work-from-home lines', () => {
    expect(parseLocationLines(['Work From Home - From Anywhere'])).toEqual({ locationType: 'remote' });
    expect(parseLocationLines(['Remote - Canada'])).toEqual({ locationType: 'remote' });
    expect(parseLocationLines(['Moncton, NB', 'Work From Home'])).toEqual({ city: 'Moncton', province: 'NB', locationType: 'remote' });
  });

  it('gives nothing for International or nothing at all', () => {
    expect(parseLocationLines(['International'])).toEqual({});
    expect(parseLocationLines([])).toEqual({});
    expect(parseLocationLines(['', '  ', ','])).toEqual({});
  });
});

describe('workModeToLocationType', () => {
  it('maps the card work-mode words, English and French', () => {
    expect(workModeToLocationType('Work From Home')).toBe('remote');
    expect(workModeToLocationType(' Remote ')).toBe('remote');
    expect(workModeToLocationType('Télétravail')).toBe('remote');
    expect(workModeToLocationType('Hybrid')).toBe('hybrid');
    expect(workModeToLocationType('Hybride')).toBe('hybrid');
    expect(workModeToLocationType('On Site')).toBe('onsite');
    expect(workModeToLocationType('On-site')).toBe('onsite');
    expect(workModeToLocationType('Sur place')).toBe('onsite');
    expect(workModeToLocationType('Full Time')).toBeUndefined();
    expect(workModeToLocationType('')).toBeUndefined();
  });
});
