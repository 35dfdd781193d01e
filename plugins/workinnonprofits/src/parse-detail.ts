import {
  extractJsonLdJobPostings,
  htmlToText,
  jsonLdToPosting,
  normalizeWhitespace,
  parseDate,
  parseHtmlDocument,
  parseSalary,
  sanitizeHtml,
  type HtmlDocument,
  type HtmlElement,
  type JobPosting,
} from '@pathfinder/sdk';
import { cleanWordHtml } from './clean-word-html.js';
import { optional } from './optional.js';
import { parseLocationLines } from './parse-location.js';

/** What a detail page (`/jobs/view/{id}/{E|F}/{slug}`) says about a posting. */
export interface DetailPage {
  /** The posting fields the page gives (all optional: a card fills the gaps). */
  fields: Partial<JobPosting>;
  /** JSON-LD `employmentType` values, upper-case (FULL_TIME, INTERN, VOLUNTEER…); [] without JSON-LD. */
  employmentTypes: string[];
  /** Whether the page carried a JSON-LD JobPosting. */
  hasJsonLd: boolean;
}

/**
 * Reads a detail page (its HTML source, or an already parsed document): the JSON-LD `JobPosting` when there is one (title, organisation, dates,
 * employment type), the HTML for the rest and as a fallback (`.vj_title`, `.vj_orgname`, `.vj_loc`,
 * `.vj_type`, `.vj_sal`, `.vj_desc`, `.vj_appinst`, `meta[property="article:published_time"]`).
 *
 * The description is the page's `.vj_desc` (Word/VML markup removed) followed by the application
 * instructions; the JSON-LD description is used only when `.vj_desc` is empty. Location always
 * comes from `.vj_loc`: the site's JSON-LD does not carry a usable one.
 *
 * @example
 * ```ts
 * const { fields, employmentTypes } = parseDetailPage(res.text, { url: res.url });
 * // fields: { title, companyName, description, datePosted, applicationDeadline, city, province,
 * //           salaryMin, salaryMax, salaryPeriod, jobType? }; employmentTypes: ['FULL_TIME']
 * ```
 */
export function parseDetailPage(page: string | HtmlDocument, o: { url: string }): DetailPage {
  // Word's "downlevel-revealed" blocks (<![if !supportLists]>·<![endif]>) lose their markers when
  // HTML is parsed, and the fake bullets they hide turn into text: clean the source first.
  const doc = typeof page === 'string' ? parseHtmlDocument(cleanWordHtml(page)) : page;
  const ld = extractJsonLdJobPostings(doc)[0];
  const fromLd: Partial<JobPosting> = ld ? jsonLdToPosting(ld, { url: o.url }) : {};
  const employmentTypes = ld ? employmentTypesOf(ld) : [];

  const title = fromLd.title || text(doc.querySelector('.vj_title'));
  const companyName = fromLd.companyName || text(doc.querySelector('.vj_orgname'));
  const datePosted = fromLd.datePosted ?? publishedTime(doc);
  const typeText = stripLabel(text(doc.querySelector('.vj_type')));
  const jobType = jobTypeOf(employmentTypes, typeText);
  const location = parseLocationLines(lines(doc.querySelector('.vj_loc')));
  const salary = salaryOf(stripLabel(text(doc.querySelector('.vj_sal')))) ?? salaryFromLd(fromLd);
  const { description, descriptionHtml } = descriptionOf(doc, fromLd, o.url);

  const fields: Partial<JobPosting> = {
    ...optional('title', title),
    ...optional('companyName', companyName),
    description,
    ...optional('descriptionHtml', descriptionHtml),
    ...optional('datePosted', datePosted),
    ...optional('applicationDeadline', fromLd.applicationDeadline),
    ...optional('jobType', jobType),
    ...location,
    ...salary,
  };
  return { fields, employmentTypes, hasJsonLd: ld !== undefined };
}

/**
 * The job type the site itself states: JSON-LD `INTERN`, or a `.vj_type` naming an internship or
 * a co-op. Anything else is left to the engine's keyword classifier.
 *
 * @example
 * ```ts
 * jobTypeOf(['INTERN', 'PART_TIME'], ''); // 'internship'
 * jobTypeOf([], 'Co-op, Full Time');      // 'coop'
 * jobTypeOf(['FULL_TIME'], 'Permanent');  // undefined
 * ```
 */
export function jobTypeOf(employmentTypes: readonly string[], typeText: string): JobPosting['jobType'] {
  if (/\bco-?op\b|\bcoop[ée]ratif\b/i.test(typeText)) return 'coop';
  if (employmentTypes.includes('INTERN') || /\bintern(?:ship)?\b|\bstag(?:e|iaire)\b/i.test(typeText)) {
    return 'internship';
  }
  return undefined;
}

function descriptionOf(
  doc: HtmlDocument,
  fromLd: Partial<JobPosting>,
  url: string,
): { description: string; descriptionHtml?: string } {
  const bodyHtml = cleanWordHtml(doc.querySelector('.vj_desc')?.innerHTML ?? '');
  const applyHtml = cleanWordHtml(doc.querySelector('.vj_appinst')?.innerHTML ?? '');
  const bodyText = htmlToText(bodyHtml);
  const applyText = htmlToText(applyHtml);
  const french = /^fr/i.test(doc.documentElement?.getAttribute('lang') ?? '') || /\/view\/\d+\/F(?:\/|$)/.test(url);
  const [heading, label] = french ? ['Pour postuler', 'Pour postuler :'] : ['How to apply', 'How to apply:'];

  if (bodyText === '') {
    // No HTML body: the JSON-LD description (already text + sanitised HTML from the SDK).
    const description = joinParagraphs(fromLd.description ?? '', applyText ? `${label}\n\n${applyText}` : '');
    const html = [fromLd.descriptionHtml ?? '', applyText ? `<h3>${heading}</h3>${sanitizeHtml(applyHtml)}` : '']
      .filter((h) => h !== '')
      .join('');
    return { description, ...optional('descriptionHtml', html) };
  }
  const description = joinParagraphs(bodyText, applyText ? `${label}\n\n${applyText}` : '');
  const html = sanitizeHtml(bodyHtml + (applyText ? `<h3>${heading}</h3>${applyHtml}` : ''));
  return { description, ...optional('descriptionHtml', html.trim()) };
}

function employmentTypesOf(ld: unknown): string[] {
  const raw = (ld as { employmentType?: unknown }).employmentType;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;]/) : [];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toUpperCase().replace(/[\s-]+/g, '_'))
    .filter((v) => v !== '');
}

function publishedTime(doc: HtmlDocument): string | undefined {
  const content = doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content');
  return content ? parseDate(content.trim()) : undefined;
}

function salaryOf(s: string): Partial<JobPosting> | undefined {
  if (s === '') return undefined;
  const r = parseSalary(s);
  if (!r || (r.min === undefined && r.max === undefined)) return undefined;
  // Some employers write the range backwards ("$30 to $25 per hour").
  const [min, max] = r.min !== undefined && r.max !== undefined && r.min > r.max ? [r.max, r.min] : [r.min, r.max];
  return { ...optional('salaryMin', min), ...optional('salaryMax', max), ...optional('salaryPeriod', r.period) };
}

function salaryFromLd(p: Partial<JobPosting>): Partial<JobPosting> {
  return {
    ...optional('salaryMin', p.salaryMin),
    ...optional('salaryMax', p.salaryMax),
    ...optional('salaryPeriod', p.salaryPeriod),
  };
}

// `.vj_loc` lines: the element's HTML split at <br> (and block ends), each turned into text.
function lines(el: HtmlElement | null): string[] {
  if (!el) return [];
  return el.innerHTML
    .split(/<br\s*\/?>|<\/(?:p|div|li)>/i)
    .map((part) => htmlToText(part))
    .flatMap((t) => t.split(/\n+/))
    .map((t) => normalizeWhitespace(t))
    .filter((t) => t !== '');
}

// "Salary: $25.64 to $29.86 per hour" -> "$25.64 to $29.86 per hour"; "Type : Full Time" -> "Full Time".
function stripLabel(s: string): string {
  return s.replace(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ]{1,29}\s*:\s*(?=\S)/, '');
}

function joinParagraphs(...parts: string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== '').join('\n\n');
}

function text(el: HtmlElement | null | undefined): string {
  return el ? normalizeWhitespace(el.textContent ?? '') : '';
}
