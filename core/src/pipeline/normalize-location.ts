import { PROVINCE_CODES, parseLocation, parseProvince, type LocationType, type ProvinceCode } from '@pathfinder/sdk';
import { cleanInline } from './clean-text.js';

const CODES: ReadonlySet<string> = new Set(PROVINCE_CODES);

/**
 * A province as its two-letter code: codes in any case, English and French names, common
 * abbreviations ("Qc", "Nfld"); anything else (a US state, "Canada", junk) is dropped.
 *
 * @example normalizeProvince(' québec ') // 'QC'
 */
export function normalizeProvince(value: unknown): ProvinceCode | undefined {
  if (typeof value !== 'string') return undefined;
  const s = cleanInline(value);
  if (s.length === 2 && CODES.has(s.toUpperCase())) return s.toUpperCase() as ProvinceCode;
  return s === '' ? undefined : parseProvince(s);
}

// Small words that stay lower-case inside a place name: Saint-Jean-sur-Richelieu, Niagara-on-the-Lake.
const PARTICLES: ReadonlySet<string> = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'sur', 'en', 'aux', 'à', 'on', 'the', 'of', 'and', 'upon', 'et']);
const WORD_PARTS = /([\s-]+)/;

function capitalise(w: string): string {
  // L'Assomption, D'Arcy: a one-letter elision keeps a capital after the apostrophe; St. John's does not.
  const apostrophe = w.search(/['’]/);
  if (apostrophe === 1) return w[0].toUpperCase() + w[1] + w.charAt(2).toUpperCase() + w.slice(3);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * Title-cases a place name written in capitals; any other spelling is left as written.
 *
 * @example titleCaseIfShouting('SAINT-JEAN-SUR-RICHELIEU') // 'Saint-Jean-sur-Richelieu'
 */
export function titleCaseIfShouting(s: string): string {
  if (s.toUpperCase() !== s || s.toLowerCase() === s) return s;
  const parts = s.toLowerCase().split(WORD_PARTS);
  let first = true;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '' || WORD_PARTS.test(p)) continue;
    parts[i] = !first && PARTICLES.has(p) ? p : capitalise(p);
    first = false;
  }
  return parts.join('');
}

// A city field that holds more than a city: "Toronto, ON", "Hybrid - Ottawa", "Remote (Canada)".
const COMPOUND = /[,;|/()]|\s[-–—]\s|remote|hybrid|hybride|work(?:ing)? from home|télétravail|teletravail|anywhere|virtual|various|multiple|on[- ]?site/i;

/** What {@link normalizeLocation} returns. */
export interface NormalizedLocation {
  city?: string;
  province?: ProvinceCode;
  /** Only set when the city field said it (the plugin's own value, if any, wins). */
  locationType?: LocationType;
}

/**
 * Cleans the city and province of a posting. A compound city ("Markham, Ontario, Canada",
 * "Hybrid - Toronto, ON", "Remote") is split with the SDK's `parseLocation`: its province fills an
 * empty province and "remote"/"hybrid" becomes the location type; a city that is only a province
 * name moves to the province. Capitalised cities are title-cased.
 *
 * @example normalizeLocation('TORONTO, ON', undefined) // { city: 'Toronto', province: 'ON' }
 */
export function normalizeLocation(city: unknown, province: unknown): NormalizedLocation {
  const out: NormalizedLocation = {};
  const code = normalizeProvince(province);
  if (code !== undefined) out.province = code;
  if (typeof city !== 'string') return out;
  let c = cleanInline(city);
  if (c === '') return out;
  if (COMPOUND.test(c)) {
    const parsed = parseLocation(c);
    if (parsed.locationType !== undefined && parsed.locationType !== 'onsite') out.locationType = parsed.locationType;
    if (out.province === undefined && parsed.province !== undefined) out.province = parsed.province;
    c = parsed.city ?? '';
  } else {
    const asProvince = parseProvince(c);
    if (asProvince !== undefined) {
      out.province ??= asProvince;
      c = '';
    }
  }
  if (c !== '') out.city = titleCaseIfShouting(c).slice(0, 120);
  return out;
}
