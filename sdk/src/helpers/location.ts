import type { LocationType, ProvinceCode } from '../posting/enums.js';
import { normalizeWhitespace } from './normalize-whitespace.js';
import { parseProvince, provinceKey } from './provinces.js';

/** What {@link parseLocation} found. Fields it could not tell are absent. */
export interface ParsedLocation {
  city?: string;
  province?: ProvinceCode;
  locationType?: LocationType;
  /** 'Canada', 'United States', 'International'… ('Canada' whenever a province was found). */
  country?: string;
  /** True for remote work, false for hybrid/on-site, absent when unknown. */
  remote?: boolean;
}

const REMOTE = /\b(remote|work(ing)? from home|wfh|telecommute|telework|t[ée]l[ée]travail|virtual|from anywhere|anywhere|home[- ]based|à distance|a distance)\b/i;
const HYBRID = /\b(hybrid|hybride)\b/i;
const ONSITE = /\b(on[- ]?site|in[- ]person|in[- ]office|sur place|en personne)\b/i;
const COUNTRIES: [RegExp, string][] = [
  [/^(canada|ca|can)$/, 'Canada'],
  [/^(united states( of america)?|usa|us|u s a?|etats unis)$/, 'United States'],
  [/^(international|worldwide|global|multiple countries)$/, 'International'],
];
const FILLER = /^(remote|work(ing)? from home|wfh|from anywhere|anywhere|hybrid|hybride|on[- ]?site|in[- ]person|in[- ]office|t[ée]l[ée]travail|virtual|telecommute|telework|home[- ]based|location|lieu|multiple locations|various locations|various|n\/?a|tbd|)$/i;

/**
 * Reads a free-text location: city, province code, remote/hybrid/on-site and country.
 *
 * @example
 * ```ts
 * parseLocation('Calgary, AB');                      // { city: 'Calgary', province: 'AB', country: 'Canada' }
 * parseLocation('Markham, Ontario, Canada');         // { city: 'Markham', province: 'ON', country: 'Canada' }
 * parseLocation('Remote - Canada');                  // { locationType: 'remote', remote: true, country: 'Canada' }
 * parseLocation('Hybrid - Toronto, ON');             // { city: 'Toronto', province: 'ON', locationType: 'hybrid', remote: false, country: 'Canada' }
 * parseLocation('Work From Home - From Anywhere');   // { locationType: 'remote', remote: true }
 * parseLocation('International');                    // { country: 'International' }
 * ```
 */
export function parseLocation(s: string): ParsedLocation {
  const text = normalizeWhitespace((s ?? '').replace(/^\s*(location|lieu)\s*:\s*/i, ''));
  const out: ParsedLocation = {};
  if (!text) return out;

  if (HYBRID.test(text)) out.locationType = 'hybrid';
  else if (REMOTE.test(text)) out.locationType = 'remote';
  else if (ONSITE.test(text)) out.locationType = 'onsite';
  if (out.locationType) out.remote = out.locationType === 'remote';

  // Split into candidate parts: commas, " - ", "|", "/", parentheses, line breaks.
  const parts = (s ?? '')
    .replace(/^\s*(location|lieu)\s*:\s*/i, '')
    .replace(/\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/gi, ' ') // postal codes
    .split(/,|;|\||\/|\(|\)|\n|\s[-–—]\s|\s[-–—]|[-–—]\s|\bor\b|\bou\b/i)
    .map((p) => normalizeWhitespace(p))
    .filter((p) => p !== '' && !FILLER.test(p));

  const places: string[] = [];
  for (const part of parts) {
    const key = provinceKey(part);
    const country = COUNTRIES.find(([re]) => re.test(part.toLowerCase().replace(/[.]/g, '').replace(/\s+/g, ' ').trim()));
    if (country) {
      out.country ??= country[1];
      continue;
    }
    const province = key ? parseProvince(part) : undefined;
    if (province) {
      out.province ??= province;
      continue;
    }
    places.push(part);
  }
  if (out.province || /\bcanada\b/i.test(text)) out.country ??= 'Canada';
  const city = places.find((p) => /[a-zà-ÿ]/i.test(p) && !REMOTE.test(p) && !HYBRID.test(p) && !ONSITE.test(p));
  if (city) out.city = city;
  return out;
}
