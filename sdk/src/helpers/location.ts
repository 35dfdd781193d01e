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
  [/^(canada|can)$/, 'Canada'],
  [/^(united states( of america)?|usa|us|u s a?|etats unis)$/, 'United States'],
  [/^(international|worldwide|global|multiple countries)$/, 'International'],
];
const FILLER = /^(remote|work(ing)? from home|wfh|from anywhere|anywhere|hybrid|hybride|on[- ]?site|in[- ]person|in[- ]office|t[ée]l[ée]travail|virtual|telecommute|telework|home[- ]based|location|lieu|multiple locations|various locations|various|n\/?a|tbd|)$/i;

// US state and district codes, as ATS feeds write them after a city ("Seattle, WA"). None is also a
// Canadian province code.
const US_STATES = new Set(('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY '
  + 'NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY').split(' '));
// Cities whose "City, CA" means Canada, not California (the largest, by population).
const CANADIAN_CITIES = new Set(['toronto', 'montreal', 'montréal', 'calgary', 'ottawa', 'edmonton', 'winnipeg', 'mississauga',
  'vancouver', 'brampton', 'hamilton', 'quebec', 'québec', 'quebec city', 'surrey', 'laval', 'halifax', 'london', 'markham',
  'vaughan', 'gatineau', 'saskatoon', 'longueuil', 'kitchener', 'burnaby', 'windsor', 'regina', 'richmond hill', 'oakville',
  'burlington', 'sherbrooke', 'oshawa', 'saguenay', 'lévis', 'levis', 'barrie', 'abbotsford', 'coquitlam', 'st. catharines',
  'trois-rivières', 'trois-rivieres', 'guelph', 'cambridge', 'whitby', 'kingston', 'kelowna', 'waterloo', 'victoria',
  'fredericton', 'moncton', 'saint john', "st. john's", 'charlottetown', 'whitehorse', 'yellowknife', 'iqaluit']);

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
 * parseLocation('San Francisco, CA');                // { city: 'San Francisco', country: 'United States' } (California)
 * parseLocation('Toronto, CA');                      // { city: 'Toronto', country: 'Canada' }
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
  // "CA" is Canada or California: decided once every part has been read.
  let sawCA = false;
  for (const part of parts) {
    if (/^ca$/i.test(part)) {
      sawCA = true;
      continue;
    }
    // A state code after a city: "Seattle, WA". Upper case only, so a city is never taken for one.
    if (places.length > 0 && US_STATES.has(part)) {
      out.country ??= 'United States';
      continue;
    }
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
  if (sawCA) {
    // "Calgary, AB, CA" and "Toronto, CA" are Canada; "San Francisco, CA" is California.
    const californian = !out.province && places.length > 0 && !CANADIAN_CITIES.has(places[0]!.toLowerCase());
    out.country ??= californian ? 'United States' : 'Canada';
  }
  if (out.province || /\bcanada\b/i.test(text)) out.country ??= 'Canada';
  const city = places.find((p) => /[a-zà-ÿ]/i.test(p) && !REMOTE.test(p) && !HYBRID.test(p) && !ONSITE.test(p));
  if (city) out.city = city;
  return out;
}
