import {
  JobPostingSchema,
  decodeEntities,
  htmlToText,
  normalizeWhitespace,
  parseDate,
  parseLocation,
  parseSalary,
  sanitizeHtml,
  validatePosting,
  type HtmlDocument,
  type JobPosting,
} from '@pathfinder/sdk';
import { readJsonLd } from './parse-json-ld.js';
import { readLabels } from './parse-labels.js';
import { readMarkup } from './parse-markup.js';
import { slugFromUrl } from './sitemap-urls.js';

/**
 * Who a posting is "from" when neither the JSON-LD nor the page names the host organization.
 * *Assumed:* Career Edge Organization is the interns' employer of record (it runs the payroll for
 * every host), so it is the honest fallback rather than a guess at the host.
 */
export const FALLBACK_COMPANY = 'Career Edge Organization';

/** Options of {@link parsePostingPage}. */
export interface ParsePostingOptions {
  /** The URL the page was fetched from (after redirects): the posting's `originalUrl`, and its slug. */
  url: string;
  /** The crawl clock, for relative dates ("closes in 3 days"). */
  now?: Date;
}

/** A parsed posting, or why the page gave none. */
export type ParsePostingResult = { ok: true; posting: JobPosting } | { ok: false; reason: string };

/**
 * Turns one Career Edge posting page into a posting.
 *
 * The schema.org `JobPosting` JSON-LD is read first; what it lacks comes from the markup: the
 * entry's `h1`, its main content (`.entry-content`, `article`, `main`), `article:published_time`,
 * and labelled lines in the text ("Organization:", "Location:", "Stipend:", "Application deadline:").
 * Every Career Edge role is a paid internship, so `jobType` is `internship` and `withPay` is `true`.
 * `externalId` is the JSON-LD identifier when there is one, else the URL's slug.
 *
 * @example
 * ```ts
 * const r = parsePostingPage(res.document, { url: res.url, now: ctx.now() });
 * if (r.ok) yield r.posting; else ctx.log.warn('skipped page', { url: res.url, reason: r.reason });
 * ```
 */
export function parsePostingPage(doc: HtmlDocument, o: ParsePostingOptions): ParsePostingResult {
  const ld = readJsonLd(doc) ?? {};
  const markup = readMarkup(doc);
  const contentText = markup.contentHtml ? htmlToText(markup.contentHtml) : '';
  const labels = readLabels(contentText);

  const title = cleanText(ld.title) || markup.title;
  if (!title) return { ok: false, reason: 'no JobPosting JSON-LD title and no h1' };

  const p: Partial<JobPosting> = { ...ld };
  p.title = title.slice(0, 300);
  p.companyName = (cleanText(ld.companyName) || labels.organization || FALLBACK_COMPANY).slice(0, 200);
  p.originalUrl = o.url;
  const externalId = ld.externalId ?? slugFromUrl(o.url);
  if (externalId) p.externalId = externalId;
  else delete p.externalId;

  if (!ld.description?.trim()) {
    p.description = contentText;
    if (markup.contentHtml) p.descriptionHtml = sanitizeHtml(markup.contentHtml);
  }
  p.description ??= '';

  p.datePosted ??= markup.publishedTime ? parseDate(markup.publishedTime, { now: o.now }) : undefined;
  p.applicationDeadline ??= labels.deadline ? parseDate(labels.deadline, { now: o.now }) : undefined;

  if (!p.city && !p.province && !p.locationType && labels.location) {
    const loc = parseLocation(labels.location);
    p.city = loc.city;
    p.province = loc.province;
    p.locationType = loc.locationType;
  }
  if (p.salaryMin === undefined && p.salaryMax === undefined && labels.salary) {
    const s = parseSalary(labels.salary);
    if (s) {
      p.salaryMin = s.min;
      p.salaryMax = s.max;
      p.salaryPeriod = s.period;
    }
  }

  // Career Edge, Ability Edge, Career Bridge and the CAF program are all paid internships.
  p.jobType = 'internship';
  p.withPay = true;

  const checked = validatePosting(inSchemaOrder(p));
  if (!checked.ok) return { ok: false, reason: `invalid posting: ${checked.errors.join('; ')}` };
  return { ok: true, posting: checked.value };
}

/** JSON-LD strings often carry HTML entities ("HR &amp; Payroll", "&#8211;"): decode and tidy them. */
function cleanText(s: string | undefined): string {
  if (!s) return '';
  return normalizeWhitespace(decodeEntities(s));
}

// Fields in the schema's order, undefined ones dropped: the golden file then reads the same way for every posting.
function inSchemaOrder(p: Partial<JobPosting>): Partial<JobPosting> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(JobPostingSchema.properties)) {
    const v = (p as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as Partial<JobPosting>;
}
