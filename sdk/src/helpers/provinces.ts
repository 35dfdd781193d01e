import type { ProvinceCode } from '../posting/enums.js';
import { PROVINCE_CODES } from '../posting/enums.js';

// Every spelling we accept, folded by `provinceKey` (accents, case, punctuation and spaces removed).
const NAMES: Record<ProvinceCode, string[]> = {
  AB: ['alberta', 'alta', 'alb'],
  BC: ['british columbia', 'colombie-britannique', 'b.c.', 'c.-b.', 'brit col'],
  MB: ['manitoba', 'man'],
  NB: ['new brunswick', 'nouveau-brunswick', 'n.-b.'],
  NL: [
    'newfoundland and labrador', 'newfoundland & labrador', 'newfoundland', 'labrador', 'terre-neuve-et-labrador',
    'terre-neuve', 'nfld', 'nfld & lab', 'nfld and labrador', 'nf', 'nfl', 't.-n.-l.', 'n.l.',
  ],
  NS: ['nova scotia', 'nouvelle-écosse', 'n.s.', 'n.-é.'],
  NT: ['northwest territories', 'north west territories', 'territoires du nord-ouest', 'nwt', 'n.w.t.', 't.n.-o.', 'tno'],
  NU: ['nunavut', 'nvt'],
  ON: ['ontario', 'ont'],
  PE: ['prince edward island', 'île-du-prince-édouard', 'pei', 'p.e.i.', 'i.-p.-é.', 'ipe'],
  QC: ['quebec', 'québec', 'que', 'qué', 'pq', 'p.q.', 'province de québec', 'province of quebec'],
  SK: ['saskatchewan', 'sask'],
  YT: ['yukon', 'yukon territory', 'territoire du yukon', 'yuk', 'yk'],
};

/** Folds a province spelling to letters only: 'Terre-Neuve-et-Labrador' -> 'terreneuveetlabrador'. */
export function provinceKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z]/g, '');
}

const LOOKUP = new Map<string, ProvinceCode>();
for (const code of PROVINCE_CODES) {
  LOOKUP.set(code.toLowerCase(), code);
  for (const name of NAMES[code]) LOOKUP.set(provinceKey(name), code);
}

/**
 * The two-letter code of a Canadian province or territory written as a code, an English or French
 * name or a common abbreviation, ignoring case, accents and punctuation; undefined otherwise.
 *
 * @example
 * ```ts
 * parseProvince('Québec');                  // 'QC'
 * parseProvince('Terre-Neuve-et-Labrador'); // 'NL'
 * parseProvince('Nfld');                    // 'NL'
 * parseProvince('b.c.');                    // 'BC'
 * parseProvince('Texas');                   // undefined
 * ```
 */
export function parseProvince(s: string): ProvinceCode | undefined {
  if (!s) return undefined;
  const key = provinceKey(s.replace(/^\s*(the\s+)?(province|territory|territoire)\s+(of|de|du)\s+/i, ''));
  return LOOKUP.get(key) ?? LOOKUP.get(key.replace(/^(province|territory)(of)?/, ''));
}
