import { describe, expect, it } from 'vitest';
import { parseSalary } from '../../src/index.js';

describe('parseSalary', () => {
  it.each([
    ['$25.64 to $29.86 per hour', { min: 25.64, max: 29.86, period: 'hour' }],
    ['$48,000 to $52,000 per year', { min: 48000, max: 52000, period: 'year' }],
    ['$60K-$70K', { min: 60000, max: 70000, period: 'year' }],
    ['60000.00', { min: 60000, max: 60000, period: 'year' }],
    ['$22/hr', { min: 22, max: 22, period: 'hour' }],
    ['$18.50 - $21.00 hourly', { min: 18.5, max: 21, period: 'hour' }],
    ['CAD 55,000 – 65,000 annually', { min: 55000, max: 65000, period: 'year', currency: 'CAD' }],
    ['US$90k', { min: 90000, max: 90000, period: 'year', currency: 'USD' }],
    ['$4,000 per month', { min: 48000, max: 48000, period: 'year' }],
    ['$1,200 bi-weekly', { min: 31200, max: 31200, period: 'year' }],
    ['Up to $30 per hour', { max: 30, period: 'hour' }],
    ['Starting at $50,000', { min: 50000, period: 'year' }],
    ['25,50 $ de l\'heure', { min: 25.5, max: 25.5, period: 'hour' }],
    ['52 000 $ par année', { min: 52000, max: 52000, period: 'year' }],
    ['$70,000 - $60,000', { min: 60000, max: 70000, period: 'year' }],
    ['$3,500', { min: 3500, max: 3500 }],
  ])('%j', (input, expected) => {
    expect(parseSalary(input)).toEqual(expected);
  });

  it('accepts a number', () => {
    expect(parseSalary(60000)).toEqual({ min: 60000, max: 60000, period: 'year' });
  });

  it.each(['', 'Competitive', 'To be discussed', '$0'])('returns undefined for %j', (input) => {
    expect(parseSalary(input)).toBeUndefined();
  });
});

describe('parseSalary ignores numbers that are not pay', () => {
  it('prefers amounts with a currency sign', () => {
    expect(parseSalary('35 hours per week at $20 per hour')).toEqual({ min: 20, max: 20, period: 'hour' });
    expect(parseSalary('Grade 7: $61,000 - $68,000 annually')).toEqual({ min: 61000, max: 68000, period: 'year' });
  });
});
