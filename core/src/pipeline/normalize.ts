import { htmlToText, parseDate, sanitizeHtml, type JobPosting } from '@pathfinder/sdk';
import { cleanInline, cleanParagraphs } from './clean-text.js';
import { normalizeLocation } from './normalize-location.js';
import { normalizeSalary } from './normalize-salary.js';
import { normalizeUrl } from './normalize-url.js';
import { StageError } from './stage-error.js';

export { normalizeUrl } from './normalize-url.js';

/** Options of {@link normalizeStage}. */
export interface NormalizeOptions {
  /** The crawl clock, for dates written relative to today ("closes in 3 days"). */
  now?: Date;
}

// Real tags (or entity-escaped ones) that mean a plugin put HTML where plain text belongs.
const LOOKS_LIKE_HTML = /<\/?(?:p|br|div|span|ul|ol|li|b|i|u|em|strong|h[1-6]|table|tr|td|a|font|section|article|o:p|hr)\b[^>]*>|<!--|&lt;\/?(?:p|br|div|ul|li|strong)\b/i;
const TAG = /<\/?[a-z][a-z0-9:-]*\b[^>]*>/gi;
// Word's style sheet and settings pasted as text: "Normal 0 false false false EN-CA X-NONE X-NONE",
// "/* Style Definitions */ table.MsoNormalTable {…}".
const WORD_SETTINGS = /\bNormal\s+0\s+(?:\d+\s+)?(?:false|true)\s+(?:false|true)\s+(?:false|true)(?:\s+(?:[A-Z]{2}-[A-Z]{2}|X-NONE)){1,3}(?:\s+MicrosoftInternetExplorer4)?/g;
const WORD_STYLES = /\/\*\s*Style Definitions\s*\*\/[^}]*\}/g;
// Opening quote -> the closing quotes that may pair with it.
const QUOTE_PAIRS: Record<string, string> = { '"': '"“”', '“': '”“"', '”': '”', '«': '»', '„': '“”', "'": "'’", '‘': '’\'', '’': '’' };
const EDGE_SEPARATORS = /^[\s\-–—|:,;•·]+|[\s\-–—|:,;•·]+$/gu;
const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/**
 * A title or company name: entities and whitespace cleaned, stray tags removed, surrounding
 * quotes and leading/trailing separators (" - ", "|", ":") dropped. Case is left alone.
 *
 * @example cleanLabel('  "Data&nbsp;Analyst" - ') // 'Data Analyst'
 */
export function cleanLabel(s: string): string {
  let out = cleanInline(s.indexOf('<') === -1 ? s : s.replace(TAG, ' '));
  out = out.replace(EDGE_SEPARATORS, '');
  return out.length > 2 ? unquote(out) : out;
}

// '"Data Analyst"' -> 'Data Analyst', but '"Big" Data "Role"' and "'Children's Aid'" keep their quotes.
function unquote(s: string): string {
  const closers = QUOTE_PAIRS[s[0]];
  if (closers === undefined || !closers.includes(s[s.length - 1])) return s;
  const inner = s.slice(1, -1);
  for (const q of s[0] + closers) if (inner.includes(q)) return s;
  return inner.trim().replace(EDGE_SEPARATORS, '');
}

/**
 * A description as plain text with its paragraphs: HTML (or entity-escaped HTML, or Word markup)
 * goes through the SDK's `htmlToText`; Word settings pasted as text are removed; entities decoded;
 * whitespace collapsed within lines; at most one blank line between paragraphs. When the text is
 * empty and `html` is given, the text is made from it.
 *
 * @example cleanDescription('<p>We&#146;re hiring</p><p>Apply&nbsp;now</p>') // 'We’re hiring\n\nApply now'
 */
export function cleanDescription(text: string, html?: string): string {
  let d = text;
  if (d.trim() === '' && html) d = htmlToText(html);
  // indexOf first: most plugins send plain text, and a failed indexOf is far cheaper than the regex.
  else if ((d.indexOf('<') !== -1 || d.indexOf('&lt;') !== -1) && LOOKS_LIKE_HTML.test(d)) d = htmlToText(d);
  if (d.indexOf('Normal') !== -1 || d.indexOf('Style Definitions') !== -1) {
    d = d.replace(WORD_SETTINGS, ' ').replace(WORD_STYLES, ' ');
  }
  return cleanParagraphs(d);
}

/**
 * A date as canonical UTC ISO (`2026-12-04T05:00:00.000Z`). Other spellings go through the SDK's
 * `parseDate`; an impossible date (February 30) or an unreadable one is dropped.
 *
 * @example toUtcIso('2026-12-04T05:00:00Z') // '2026-12-04T05:00:00.000Z'
 */
export function toUtcIso(value: unknown, now?: Date): string | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = ISO_UTC.exec(value);
  if (iso) {
    const d = new Date(value);
    const out = Number.isNaN(d.getTime()) ? undefined : d.toISOString();
    // Date rolls 2026-02-30 over to March 2; a changed calendar day means the input was impossible.
    return out !== undefined && out.startsWith(iso[1]) ? out : undefined;
  }
  const parsed = value.trim() === '' ? undefined : parseDate(value, now ? { now } : {});
  return parsed === undefined ? undefined : toUtcIso(parsed);
}

function cleanList(list: readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of list) {
    const v = cleanInline(item);
    const key = v.toLowerCase();
    if (v !== '' && !seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/**
 * The normalise stage. Returns a new posting with: title and company cleaned ({@link cleanLabel}),
 * the description as paragraph text ({@link cleanDescription}), the HTML description sanitised
 * (the SDK's `sanitizeHtml`: no script, event handler or unsafe link survives), city/province cleaned and split
 * (`normalizeLocation`), dates canonical UTC ISO ({@link toUtcIso}), salary made plausible
 * (`normalizeSalary`), skills/majors trimmed and de-duplicated, and the URL canonical ({@link normalizeUrl}).
 * Empty optional fields are removed. Throws a {@link StageError} (`stage: 'normalize'`) when the
 * title or company is empty once cleaned, or when something unexpected fails (`cause` set).
 *
 * @example
 * normalizeStage({ title: ' Analyst&nbsp;- ', companyName: 'Acme', originalUrl: 'https://A.ca/j?id=1&utm_source=x', description: '<p>Hi</p>', city: 'TORONTO, ON' })
 * // { title: 'Analyst', companyName: 'Acme', originalUrl: 'https://a.ca/j?id=1', description: 'Hi', city: 'Toronto', province: 'ON' }
 */
export function normalizeStage(p: JobPosting, o: NormalizeOptions = {}): JobPosting {
  let out: JobPosting;
  try {
    out = {
      title: cleanLabel(p.title),
      companyName: cleanLabel(p.companyName),
      originalUrl: normalizeUrl(p.originalUrl),
      description: cleanDescription(p.description ?? '', p.descriptionHtml),
    };
    // Sanitised here whatever the plugin did: a third-party plugin must not put script (or event
    // handlers, or javascript: links) into what the API serves.
    const html = p.descriptionHtml !== undefined && p.descriptionHtml.trim() !== '' ? sanitizeHtml(p.descriptionHtml) : '';
    if (html !== '') out.descriptionHtml = html;
    if (p.externalId !== undefined) {
      const id = cleanInline(p.externalId);
      if (id !== '') out.externalId = id;
    }
    const where = normalizeLocation(p.city, p.province);
    if (where.city !== undefined) out.city = where.city;
    if (where.province !== undefined) out.province = where.province;
    const locationType = p.locationType ?? where.locationType;
    if (locationType !== undefined) out.locationType = locationType;
    if (p.jobType !== undefined) out.jobType = p.jobType;
    if (p.term !== undefined) out.term = p.term;
    if (p.withPay !== undefined) out.withPay = p.withPay;
    Object.assign(out, normalizeSalary(p));
    const deadline = toUtcIso(p.applicationDeadline, o.now);
    if (deadline !== undefined) out.applicationDeadline = deadline;
    const posted = toUtcIso(p.datePosted, o.now);
    if (posted !== undefined) out.datePosted = posted;
    if (p.academicCreditRequired !== undefined) out.academicCreditRequired = p.academicCreditRequired;
    if (typeof p.minimumGpa === 'number' && Number.isFinite(p.minimumGpa)) out.minimumGpa = p.minimumGpa;
    const majors = cleanList(p.requiredMajors);
    if (majors !== undefined) out.requiredMajors = majors;
    const skills = cleanList(p.requiredSkills);
    if (skills !== undefined) out.requiredSkills = skills;
  } catch (e) {
    throw StageError.wrap('normalize', e);
  }
  const errors: string[] = [];
  if (out.title === '') errors.push('title: is empty once normalised');
  if (out.companyName === '') errors.push('companyName: is empty once normalised');
  if (errors.length > 0) throw new StageError('normalize', errors, { code: 'PF_ERR_POSTING_INVALID' });
  return out;
}
