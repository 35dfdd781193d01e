import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../src/index.js';

describe('parseLocation', () => {
  it.each([
    ['Calgary, AB', { city: 'Calgary', province: 'AB', country: 'Canada' }],
    ['Markham, Ontario, Canada', { city: 'Markham', province: 'ON', country: 'Canada' }],
    ['Toronto, ON, Canada', { city: 'Toronto', province: 'ON', country: 'Canada' }],
    ['New Westminster, BC', { city: 'New Westminster', province: 'BC', country: 'Canada' }],
    ['Halifax\nNova Scotia', { city: 'Halifax', province: 'NS', country: 'Canada' }],
    ['Halifax, Nova Scotia B3H 1A1', { city: 'Halifax', province: 'NS', country: 'Canada' }],
    ['Saint-Jean-sur-Richelieu, Québec', { city: 'Saint-Jean-sur-Richelieu', province: 'QC', country: 'Canada' }],
    ['Location: Ottawa (Ontario)', { city: 'Ottawa', province: 'ON', country: 'Canada' }],
    ['Ontario', { province: 'ON', country: 'Canada' }],
    ['Winnipeg', { city: 'Winnipeg' }],
  ])('%j', (input, expected) => {
    expect(parseLocation(input)).toEqual(expected);
  });

  it.each([
    ['Remote', { locationType: 'remote', remote: true }],
    ['Remote - Canada', { locationType: 'remote', remote: true, country: 'Canada' }],
    ['Work From Home - From Anywhere', { locationType: 'remote', remote: true }],
    ['Hybrid - Toronto, ON', { locationType: 'hybrid', remote: false, city: 'Toronto', province: 'ON', country: 'Canada' }],
    ['Vancouver, BC (Hybrid)', { locationType: 'hybrid', remote: false, city: 'Vancouver', province: 'BC', country: 'Canada' }],
    ['On-site - Regina, SK', { locationType: 'onsite', remote: false, city: 'Regina', province: 'SK', country: 'Canada' }],
    ['Télétravail', { locationType: 'remote', remote: true }],
    ['International', { country: 'International' }],
    ['Remote in Canada', { locationType: 'remote', remote: true, country: 'Canada' }],
    ['Remote, USA', { locationType: 'remote', remote: true, country: 'United States' }],
    // "CA" after a city: California unless a province or a Canadian city says otherwise.
    ['San Francisco, CA', { city: 'San Francisco', country: 'United States' }],
    ['Toronto, CA', { city: 'Toronto', country: 'Canada' }],
    ['Calgary, AB, CA', { city: 'Calgary', province: 'AB', country: 'Canada' }],
    ['Remote, CA', { locationType: 'remote', remote: true, country: 'Canada' }],
    ['Seattle, WA', { city: 'Seattle', country: 'United States' }],
    ['New York, NY, USA', { city: 'New York', country: 'United States' }],
  ])('%j', (input, expected) => {
    expect(parseLocation(input)).toEqual(expected);
  });

  it('returns {} for nothing', () => {
    expect(parseLocation('')).toEqual({});
    expect(parseLocation('   ')).toEqual({});
  });
});
