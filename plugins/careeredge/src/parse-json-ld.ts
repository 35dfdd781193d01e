import {
  extractJsonLdJobPostings,
  jsonLdToPosting,
  parseLocation,
  parseProvince,
  type HtmlDocument,
  type JobPosting,
} from '@pathfinder/sdk';

/** A JSON-LD object as parsed: nothing in it is guaranteed. */
type Loose = Record<string, unknown>;

/** What the JSON-LD `JobPosting` gives, mapped onto posting fields (only those it states). */
export type JsonLdFields = Partial<JobPosting>;

/**
 * Reads the first schema.org `JobPosting` of a page (a single object, an array, or inside `@graph`;
 * broken blocks next to a good one are skipped by the SDK's extractor) and maps it to posting fields.
 * Returns `undefined` when the page has none.
 *
 * On top of the SDK's generic mapping it reads what Career Edge pages carry:
 * - `identifier` (a string, a number, a `PropertyValue` or an array of them) → `externalId`;
 * - `jobLocationType: TELECOMMUTE` → `locationType: 'remote'`;
 * - `jobLocation` as one place or a list, with a structured `address` or a plain string, when the
 *   generic mapping left city/province unset (e.g. a French province name).
 *
 * @example
 * ```ts
 * readJsonLd(res.document)?.externalId; // 'CE-24017'
 * ```
 */
export function readJsonLd(doc: HtmlDocument | string): JsonLdFields | undefined {
  const found = extractJsonLdJobPostings(doc);
  const j = found[0] as unknown as Loose | undefined;
  if (!j) return undefined;
  const out: JsonLdFields = { ...jsonLdToPosting(found[0]) };
  const id = identifierOf(j.identifier);
  if (id) out.externalId = id;
  else delete out.externalId;
  if (isTelecommute(j.jobLocationType)) out.locationType = 'remote';
  if (!out.city || !out.province) {
    const place = placeOf(j.jobLocation);
    if (place.city && !out.city) out.city = place.city;
    if (place.province && !out.province) out.province = place.province;
  }
  return out;
}

/**
 * The posting's own identifier: `"CB-3391"`, `42`, `{ "@type": "PropertyValue", "value": "CE-1" }`,
 * or the first usable one of a list.
 *
 * @example
 * ```ts
 * identifierOf({ '@type': 'PropertyValue', name: 'Career Edge', value: 'CE-24017' }); // 'CE-24017'
 * ```
 */
export function identifierOf(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const item of v) {
      const id = identifierOf(item);
      if (id) return id;
    }
    return undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return v.trim().slice(0, 200) || undefined;
  if (v && typeof v === 'object') {
    const o = v as Loose;
    return identifierOf(o.value ?? o['@value']);
  }
  return undefined;
}

function isTelecommute(v: unknown): boolean {
  const values = Array.isArray(v) ? v : [v];
  return values.some((x) => typeof x === 'string' && /telecommute/i.test(x));
}

/**
 * City and province of the first `jobLocation` that names one. Accepts a `Place` or a list of them,
 * an `address` that is a `PostalAddress` or a plain string, and region names in English or French.
 *
 * @example
 * ```ts
 * placeOf({ address: { addressLocality: 'Halifax', addressRegion: 'Nouvelle-Écosse' } }); // { city: 'Halifax', province: 'NS' }
 * ```
 */
export function placeOf(v: unknown): { city?: string; province?: JobPosting['province'] } {
  const places = Array.isArray(v) ? v : [v];
  for (const place of places) {
    if (!place || typeof place !== 'object') continue;
    const address = (place as Loose).address ?? place;
    if (typeof address === 'string') {
      const loc = parseLocation(address);
      if (loc.city || loc.province) return clean({ city: loc.city, province: loc.province });
      continue;
    }
    if (!address || typeof address !== 'object') continue;
    const a = address as Loose;
    const city = typeof a.addressLocality === 'string' ? a.addressLocality.trim() : undefined;
    const region = typeof a.addressRegion === 'string' ? a.addressRegion.trim() : undefined;
    const province = region ? parseProvince(region) : undefined;
    if (city || province) return clean({ city: city || undefined, province });
  }
  return {};
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
