import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES, parseProvince } from '../../src/index.js';

describe('parseProvince', () => {
  it('accepts every code in any case', () => {
    for (const code of PROVINCE_CODES) {
      expect(parseProvince(code)).toBe(code);
      expect(parseProvince(code.toLowerCase())).toBe(code);
    }
  });

  it.each([
    ['Alberta', 'AB'], ['British Columbia', 'BC'], ['Manitoba', 'MB'], ['New Brunswick', 'NB'],
    ['Newfoundland and Labrador', 'NL'], ['Newfoundland & Labrador', 'NL'], ['Nova Scotia', 'NS'],
    ['Northwest Territories', 'NT'], ['Nunavut', 'NU'], ['Ontario', 'ON'], ['Prince Edward Island', 'PE'],
    ['Quebec', 'QC'], ['Saskatchewan', 'SK'], ['Yukon', 'YT'],
  ])('English name %s', (name, code) => {
    expect(parseProvince(name)).toBe(code);
  });

  it.each([
    ['Colombie-Britannique', 'BC'], ['Nouveau-Brunswick', 'NB'], ['Terre-Neuve-et-Labrador', 'NL'],
    ['Nouvelle-Écosse', 'NS'], ['Territoires du Nord-Ouest', 'NT'], ['Île-du-Prince-Édouard', 'PE'],
    ['Québec', 'QC'], ['QUÉBEC', 'QC'],
  ])('French name %s', (name, code) => {
    expect(parseProvince(name)).toBe(code);
  });

  it.each([
    ['Nfld', 'NL'], ['Nfld.', 'NL'], ['Qc', 'QC'], ['Que.', 'QC'], ['PQ', 'QC'], ['B.C.', 'BC'], ['C.-B.', 'BC'],
    ['Ont.', 'ON'], ['Alta', 'AB'], ['Sask.', 'SK'], ['Man.', 'MB'], ['P.E.I.', 'PE'], ['N.W.T.', 'NT'],
    ['T.-N.-L.', 'NL'], ['  ontario  ', 'ON'], ['Province of Ontario', 'ON'],
  ])('abbreviation %s', (name, code) => {
    expect(parseProvince(name)).toBe(code);
  });

  it.each(['', 'Texas', 'Canada', 'Toronto', 'NY', 'on the road'])('rejects %j', (s) => {
    expect(parseProvince(s)).toBeUndefined();
  });
});
