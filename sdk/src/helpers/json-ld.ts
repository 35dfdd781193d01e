import type { HtmlDocument } from '../dom.js';
import type { JobPosting } from '../posting/schema.js';
import { decodeEntities } from './entities.js';
import { ForwardSearch, stripTags } from './forward-search.js';
import { parseDate } from './dates.js';
import { htmlToText } from './html-to-text.js';
import { normalizeWhitespace } from './normalize-whitespace.js';
import type { ProvinceCode } from '../posting/enums.js';
import { parseLocation } from './location.js';
import { parseProvince } from './provinces.js';
import { sanitizeHtml } from './sanitize-html.js';
import { absoluteUrl } from './urls.js';

/** A schema.org `JobPosting` as found in JSON-LD (loosely typed: sites put anything anywhere). */
export interface JsonLdJobPosting {
  '@type'?: string | string[];
  title?: unknown;
  description?: unknown;
  datePosted?: unknown;
  validThrough?: unknown;
  employmentType?: unknown;
  hiringOrganization?: unknown;
  jobLocation?: unknown;
  jobLocationType?: unknown;
  baseSalary?: unknown;
  identifier?: unknown;
  url?: unknown;
  skills?: unknown;
  [key: string]: unknown;
}

/**
 * Every schema.org `JobPosting` in the page's `<script type="application/ld+json">` blocks: a single
 * object, an array, an `@graph`, or nested (e.g. a `WebPage`'s `mainEntity`). A broken block (bad
 * JSON, raw newlines inside strings, trailing commas, CDATA wrappers) is repaired when possible and
 * skipped otherwise, without losing the others.
 *
 * @example
 * ```ts
 * const res = await ctx.fetch(detailUrl);
 * const [ld] = extractJsonLdJobPostings(res.document);
 * if (ld) yield { ...jsonLdToPosting(ld, { url: res.url }), companyName: 'Fallback Inc.' } as JobPosting;
 * ```
 */
export function extractJsonLdJobPostings(docOrHtml: HtmlDocument | string): JsonLdJobPosting[] {
  const found: JsonLdJobPosting[] = [];
  for (const block of scriptBlocks(docOrHtml)) {
    const data = parseLenientJson(block);
    if (data !== undefined) collect(data, found, 0);
  }
  return found;
}

function scriptBlocks(docOrHtml: HtmlDocument | string): string[] {
  if (typeof docOrHtml === 'string') return ldJsonScripts(docOrHtml);
  return Array.from(docOrHtml.querySelectorAll('script'))
    .filter((s) => /application\/ld\+json/i.test(s.getAttribute('type') ?? ''))
    .map((s) => s.textContent ?? '');
}

/**
 * The contents of `<script … type="application/ld+json" …>…</script>` blocks, found in one forward
 * pass (the next `>`, type attribute and `</script>` are each looked up once for all starts).
 */
function ldJsonScripts(html: string): string[] {
  const out: string[] = [];
  const opens = new ForwardSearch(html, /<script\b/);
  const gts = new ForwardSearch(html, '>');
  const types = new ForwardSearch(html, /\btype\s*=\s*["']?application\/ld\+json/);
  const closers = new ForwardSearch(html, /<\/script\s*>/);
  let from = 0;
  for (let start = opens.next(from); start !== -1; start = opens.next(from)) {
    from = start + 1;
    const gt = gts.next(opens.end());
    if (gt === -1) break;
    const type = types.next(opens.end());
    if (type === -1) break;
    if (type > gt) continue;
    const close = closers.next(gt + 1);
    if (close === -1) break;
    out.push(html.slice(gt + 1, close));
    from = closers.end();
  }
  return out;
}

/**
 * JSON.parse with the repairs real pages need (BOM, HTML comment or CDATA wrappers, raw newlines
 * inside strings, trailing commas); undefined when beyond repair. Also handy for an inline
 * `window.job = {...}` object once the `{...}` is cut out of the script text.
 *
 * @example
 * ```ts
 * parseLenientJson('{"title": "Line 1\nLine 2",}'); // { title: 'Line 1\nLine 2' }
 * ```
 */
export function parseLenientJson(text: string): unknown {
  const stripped = unwrapScriptText(text);
  if (!stripped) return undefined;
  try {
    return JSON.parse(stripped);
  } catch {
    try {
      return JSON.parse(escapeControlCharsInStrings(stripped).replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

// Drops `<!-- … -->` and `<![CDATA[ … ]]>` (with optional `//` before each marker) around JSON. By
// hand rather than with `(\/\/)?\s*\]\]>\s*$`: an unanchored `\s*…$` is quadratic on long blank runs.
function unwrapScriptText(text: string): string {
  let s = text.trim();
  if (s.startsWith('<!--')) s = s.slice(4);
  if (s.endsWith('-->')) s = s.slice(0, -3);
  s = s.replace(/^\s*(\/\/)?\s*<!\[CDATA\[/, '').trimEnd();
  if (s.endsWith(']]>')) {
    s = s.slice(0, -3).trimEnd();
    if (s.endsWith('//')) s = s.slice(0, -2);
  }
  return s.replace(/^\uFEFF/, '').trim();
}

// Raw newlines/tabs inside JSON strings are invalid JSON but common in CMS output.
function escapeControlCharsInStrings(s: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (s[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '"') inString = false;
      else if (c < ' ') {
        out += c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : ' ';
        continue;
      }
    } else if (c === '"') inString = true;
    out += c;
  }
  return out;
}

function isJobPosting(o: Record<string, unknown>): boolean {
  const types = ([] as unknown[]).concat(o['@type'] ?? []);
  return types.some((t) => typeof t === 'string' && /(^|[/:])JobPosting$/i.test(t));
}

function collect(node: unknown, out: JsonLdJobPosting[], depth: number): void {
  if (depth > 20 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out, depth + 1);
    return;
  }
  const o = node as Record<string, unknown>;
  if (isJobPosting(o)) {
    out.push(o as JsonLdJobPosting);
    return;
  }
  for (const v of Object.values(o)) collect(v, out, depth + 1);
}

/**
 * Maps a JSON-LD `JobPosting` to the posting fields it carries: title, companyName
 * (hiringOrganization), description (double-escaped HTML handled: plain text + sanitised
 * `descriptionHtml`), datePosted, applicationDeadline (validThrough), jobType (INTERN -> internship),
 * withPay (false for VOLUNTEER, true with a positive salary), city/province/locationType (jobLocation,
 * TELECOMMUTE), salary (baseSalary), externalId (identifier), originalUrl (`o.url` or the JSON-LD
 * `url`), requiredSkills. Absent fields are left out, so spread your own values over the result.
 *
 * @example
 * ```ts
 * const partial = jsonLdToPosting(ld, { url: res.url });
 * const posting = { companyName: fallbackCompany, description: '', ...partial };
 * ```
 */
export function jsonLdToPosting(j: JsonLdJobPosting, o: { url?: string } = {}): Partial<JobPosting> {
  const p: Partial<JobPosting> = {};
  const title = text(j.title);
  if (title) p.title = title;
  const company = orgName(j.hiringOrganization);
  if (company) p.companyName = company;

  const url = o.url ?? (typeof j.url === 'string' ? j.url : undefined);
  if (url) {
    try {
      p.originalUrl = absoluteUrl(url, o.url ?? url);
    } catch {
      // leave it out: the caller knows the page URL better
    }
  }
  const id = jsonLdIdentifier(j.identifier);
  if (id) p.externalId = id;

  if (typeof j.description === 'string' && j.description.trim()) {
    const html = decodeIfEscaped(j.description);
    p.description = htmlToText(html);
    const safe = sanitizeHtml(html);
    if (safe) p.descriptionHtml = safe;
  }
  const posted = typeof j.datePosted === 'string' || typeof j.datePosted === 'number' ? parseDate(j.datePosted) : undefined;
  if (posted) p.datePosted = posted;
  const deadline = typeof j.validThrough === 'string' || typeof j.validThrough === 'number' ? parseDate(j.validThrough) : undefined;
  if (deadline) p.applicationDeadline = deadline;

  const types = ([] as unknown[]).concat(j.employmentType ?? []).flatMap((t) => (typeof t === 'string' ? t.split(/[,\s]+/) : []));
  const upper = types.map((t) => t.toUpperCase().replace(/[-\s]/g, '_'));
  if (upper.includes('INTERN') || upper.includes('INTERNSHIP')) p.jobType = 'internship';
  if (upper.includes('VOLUNTEER')) p.withPay = false;

  Object.assign(p, location(j));
  Object.assign(p, salary(j.baseSalary));
  if (p.salaryMin !== undefined || p.salaryMax !== undefined) {
    if ((p.salaryMax ?? p.salaryMin ?? 0) > 0 && p.withPay === undefined) p.withPay = true;
  }
  const skills = skillList(j.skills);
  if (skills.length) p.requiredSkills = skills;
  return p;
}

function decodeIfEscaped(s: string): string {
  // Double-escaped descriptions (&lt;p&gt;) are common: decode until real tags appear (at most twice).
  let out = s;
  for (let i = 0; i < 2 && !/<[a-z!/]/i.test(out) && /&(lt|amp|#60|#x3c);/i.test(out); i++) out = decodeEntities(out);
  return out;
}

function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = normalizeWhitespace(stripTags(decodeEntities(decodeEntities(v)), ' '));
  return t || undefined;
}

function orgName(v: unknown): string | undefined {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return orgName(v[0]);
  if (v && typeof v === 'object') return text((v as Record<string, unknown>).name);
  return undefined;
}

/**
 * A JSON-LD `identifier` as a string: `"CB-3391"`, `42`, a `PropertyValue` (`value` or `@value`),
 * or the first usable one of a list; clipped to 200 characters (the posting's `externalId` limit).
 *
 * @example
 * ```ts
 * jsonLdIdentifier({ '@type': 'PropertyValue', name: 'Career Edge', value: 'CE-24017' }); // 'CE-24017'
 * jsonLdIdentifier([{ value: '' }, 42]);                                                  // '42'
 * ```
 */
export function jsonLdIdentifier(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const item of v) {
      const id = jsonLdIdentifier(item);
      if (id) return id;
    }
    return undefined;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'string') return v.trim().slice(0, 200) || undefined;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return jsonLdIdentifier(o.value ?? o['@value']);
  }
  return undefined;
}

/**
 * True when a JSON-LD `jobLocationType` (a string or a list) says `TELECOMMUTE` (remote work).
 *
 * @example
 * ```ts
 * jsonLdIsRemote(['TELECOMMUTE']); // true
 * ```
 */
export function jsonLdIsRemote(jobLocationType: unknown): boolean {
  return ([] as unknown[]).concat(jobLocationType ?? []).some((t) => typeof t === 'string' && /telecommute/i.test(t));
}

/**
 * City and province of the first JSON-LD `jobLocation` that names one: a `Place` or a list of
 * them, whose `address` is a `PostalAddress` (region in English or French, or a code) or a plain
 * string (`"Halifax, NS"`).
 *
 * @example
 * ```ts
 * jsonLdPlace({ address: { addressLocality: 'Halifax', addressRegion: 'Nouvelle-Écosse' } }); // { city: 'Halifax', province: 'NS' }
 * jsonLdPlace([{ address: 'Toronto, ON' }]);                                                // { city: 'Toronto', province: 'ON' }
 * ```
 */
export function jsonLdPlace(jobLocation: unknown): { city?: string; province?: ProvinceCode } {
  for (const place of ([] as unknown[]).concat(jobLocation ?? [])) {
    if (!place || typeof place !== 'object') continue;
    const address = (place as Record<string, unknown>).address ?? place;
    const out: { city?: string; province?: ProvinceCode } = {};
    if (typeof address === 'string') {
      const loc = parseLocation(address);
      if (loc.city) out.city = loc.city;
      if (loc.province) out.province = loc.province;
    } else if (address && typeof address === 'object') {
      const a = address as Record<string, unknown>;
      const city = text(a.addressLocality);
      const province = typeof a.addressRegion === 'string' ? parseProvince(a.addressRegion) : undefined;
      if (city) out.city = city;
      if (province) out.province = province;
    }
    if (out.city || out.province) return out;
  }
  return {};
}

function location(j: JsonLdJobPosting): Partial<JobPosting> {
  const out: Partial<JobPosting> = {};
  if (jsonLdIsRemote(j.jobLocationType)) out.locationType = 'remote';
  const places = ([] as unknown[]).concat(j.jobLocation ?? []);
  for (const place of places) {
    if (!place || typeof place !== 'object') continue;
    const addr = (place as Record<string, unknown>).address;
    const a = (typeof addr === 'object' && addr ? addr : place) as Record<string, unknown>;
    const city = text(a.addressLocality);
    const province = typeof a.addressRegion === 'string' ? parseProvince(a.addressRegion) : undefined;
    if (city && !out.city) out.city = city;
    if (province && !out.province) out.province = province;
    if (out.city && out.province) break;
  }
  // Plain-string addresses ("Toronto, ON") the structured reading above skips.
  if (!out.city || !out.province) {
    const place = jsonLdPlace(j.jobLocation);
    if (place.city && !out.city) out.city = place.city;
    if (place.province && !out.province) out.province = place.province;
  }
  return out;
}

const UNIT_FACTOR: Record<string, { period: 'hour' | 'year'; factor: number }> = {
  HOUR: { period: 'hour', factor: 1 },
  YEAR: { period: 'year', factor: 1 },
  MONTH: { period: 'year', factor: 12 },
  WEEK: { period: 'year', factor: 52 },
};

function salary(v: unknown): Partial<JobPosting> {
  if (!v || typeof v !== 'object') return {};
  const amount = (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;
  const value = (amount.value ?? amount) as Record<string, unknown> | number | string;
  const num = (x: unknown): number | undefined => {
    const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x.replace(/[,$\s]/g, '')) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  let min: number | undefined;
  let max: number | undefined;
  let unit: unknown;
  if (typeof value === 'object' && value !== null) {
    min = num(value.minValue) ?? num(value.value);
    max = num(value.maxValue) ?? num(value.value);
    unit = value.unitText ?? amount.unitText;
  } else {
    min = max = num(value);
    unit = amount.unitText;
  }
  const u = typeof unit === 'string' ? UNIT_FACTOR[unit.toUpperCase()] : undefined;
  if (!u || (min === undefined && max === undefined)) return {};
  const out: Partial<JobPosting> = { salaryPeriod: u.period };
  if (min !== undefined) out.salaryMin = Math.round(min * u.factor * 100) / 100;
  if (max !== undefined) out.salaryMax = Math.round(max * u.factor * 100) / 100;
  return out;
}

function skillList(v: unknown): string[] {
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,;•\n]/) : [];
  const items = raw.filter((x): x is string => typeof x === 'string').map((x) => normalizeWhitespace(x)).filter(Boolean);
  // A prose paragraph is not a skill list.
  return items.every((x) => x.length <= 60) ? [...new Set(items)] : [];
}
