import { describe, expect, it } from 'vitest';
import { normalizeLocation, normalizeProvince, titleCaseIfShouting } from '../../src/pipeline/normalize-location.js';
import { normalizeSalary } from '../../src/pipeline/normalize-salary.js';

describe('normalizeProvince', () => {
  it.each([
    ['ON', 'ON'], ['qc', 'QC'], [' Québec ', 'QC'], ['Quebec', 'QC'], ['Colombie-Britannique', 'BC'],
    ['Terre-Neuve-et-Labrador', 'NL'], ['Nfld', 'NL'], ['P.E.I.', 'PE'], ['Île-du-Prince-Édouard', 'PE'],
    ['Northwest Territories', 'NT'], ['Yukon', 'YT'], ['nunavut', 'NU'],
    ['Texas', undefined], ['Canada', undefined], ['', undefined], ['XX', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeProvince(input)).toBe(expected);
  });

  it('drops non-strings', () => {
    expect(normalizeProvince(42)).toBeUndefined();
    expect(normalizeProvince(undefined)).toBeUndefined();
  });
});

describe('titleCaseIfShouting', () => {
  it.each([
    ['TORONTO', 'Toronto'],
    ['MONTRÉAL', 'Montréal'],
    ['TROIS-RIVIÈRES', 'Trois-Rivières'],
    ['SAINT-JEAN-SUR-RICHELIEU', 'Saint-Jean-sur-Richelieu'],
    ['RIVIÈRE-DU-LOUP', 'Rivière-du-Loup'],
    ['LA TUQUE', 'La Tuque'],
    ['100 MILE HOUSE', '100 Mile House'],
    ['Toronto', 'Toronto'],
    ['dieppe', 'dieppe'], // not shouting: left as written
    ['123', '123'],
  ])('%j -> %j', (input, expected) => {
    expect(titleCaseIfShouting(input)).toBe(expected);
  });
});

describe('normalizeLocation', () => {
  it.each([
    [['Calgary', 'AB'], { city: 'Calgary', province: 'AB' }],
    [['  Calgary\u00a0 ', undefined], { city: 'Calgary' }],
    [['Markham, Ontario, Canada', undefined], { city: 'Markham', province: 'ON' }],
    [['TORONTO, ON', undefined], { city: 'Toronto', province: 'ON' }],
    [['Toronto, ON', 'QC'], { city: 'Toronto', province: 'QC' }], // the plugin's province wins
    [['Remote - Canada', undefined], { locationType: 'remote' }],
    [['Hybrid - Ottawa, ON', undefined], { city: 'Ottawa', province: 'ON', locationType: 'hybrid' }],
    [['Various locations', 'ON'], { province: 'ON' }],
    [['Ontario', undefined], { province: 'ON' }],
    [['', 'Alberta'], { province: 'AB' }],
  ])('%j -> %j', ([city, province], expected) => {
    expect(normalizeLocation(city, province)).toEqual(expected);
  });
});

describe('normalizeSalary', () => {
  it.each([
    [{ salaryMin: 25, salaryMax: 30, salaryPeriod: 'hour' }, { salaryMin: 25, salaryMax: 30, salaryPeriod: 'hour' }],
    [{ salaryMin: 30, salaryMax: 25 }, { salaryMin: 25, salaryMax: 30, salaryPeriod: 'hour' }], // swapped, period inferred
    [{ salaryMin: 52000, salaryMax: 48000, salaryPeriod: 'hour' }, { salaryMin: 48000, salaryMax: 52000, salaryPeriod: 'year' }],
    [{ salaryMin: 22.5, salaryPeriod: 'year' }, { salaryMin: 22.5, salaryPeriod: 'hour' }], // $22.50 is not a yearly salary
    [{ salaryMax: 60000 }, { salaryMax: 60000, salaryPeriod: 'year' }],
    [{ salaryMin: 4000, salaryPeriod: 'year' }, { salaryMin: 4000 }], // a stipend: neither hourly nor yearly
    [{ salaryMin: 20, salaryMax: 45000 }, { salaryMax: 45000, salaryPeriod: 'year' }], // min on another scale
    [{ salaryMin: 0, salaryMax: 0, salaryPeriod: 'year' }, {}], // "not disclosed"
    [{ salaryMin: Number.NaN, salaryMax: 25 }, { salaryMax: 25, salaryPeriod: 'hour' }],
    [{ salaryPeriod: 'hour' }, {}],
  ] as const)('%j -> %j', (input, expected) => {
    expect(normalizeSalary(input)).toEqual(expected);
  });
});
