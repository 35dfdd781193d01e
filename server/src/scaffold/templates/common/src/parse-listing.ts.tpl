/**
 * Reads the {{name}} listing page: one `li.job` card per job, with a link (`a[href]`) whose
 * text is the title, then `.company`, `.location`, `time[datetime]` and a `.summary`.
 * Pure: a document in, postings out, so it is unit-tested without HTTP.
 */
import {
  absoluteUrl,
  htmlToText,
  normalizeWhitespace,
  parseDate,
  parseLocation,
  sanitizeHtml,
  type HtmlDocument,
  type HtmlElement,
  type JobPosting,
} from '@pathfinder/sdk';

/** The postings of one listing page, and why some cards were skipped. */
export interface ListingResult {
  postings: JobPosting[];
  skipped: string[];
}

/**
 * Parses a listing page. Relative links resolve against `pageUrl`. A card without a link, a
 * title or a company is skipped (and said why); fields the page does not give stay unset,
 * for the engine's pipeline to classify.
 *
 * @example
 * ```ts
 * const { postings } = parseListing(res.document, res.url);
 * // postings[0] => { title: 'Software Developer Co-op (Summer 2027)', companyName: 'Maple Robotics',
 * //   city: 'Waterloo', province: 'ON', externalId: '1001', ... }
 * ```
 */
export function parseListing(doc: HtmlDocument, pageUrl: string): ListingResult {
  const result: ListingResult = { postings: [], skipped: [] };
  for (const card of Array.from(doc.querySelectorAll('li.job'))) {
    const parsed = parseCard(card, pageUrl);
    if (typeof parsed === 'string') result.skipped.push(parsed);
    else result.postings.push(parsed);
  }
  return result;
}

function parseCard(card: HtmlElement, pageUrl: string): JobPosting | string {
  const link = card.querySelector('a[href]');
  const href = link?.getAttribute('href')?.trim();
  const title = text(link);
  if (!href || !title) return 'no job link or title';
  const companyName = text(card.querySelector('.company'));
  if (!companyName) return `"${title}": no company`;

  const posting: JobPosting = {
    title,
    companyName,
    originalUrl: absoluteUrl(href, pageUrl),
    description: '',
  };
  const id = card.getAttribute('data-id')?.trim();
  if (id) posting.externalId = id;

  const summary = card.querySelector('.summary')?.innerHTML ?? '';
  if (summary.trim()) {
    posting.description = htmlToText(summary);
    posting.descriptionHtml = sanitizeHtml(summary).trim();
  }

  // "Waterloo, ON", "Remote - Canada", "Hybrid - Toronto, ON": set only what the page says.
  const where = parseLocation(text(card.querySelector('.location')));
  if (where.city) posting.city = where.city;
  if (where.province) posting.province = where.province;
  if (where.locationType === 'remote' || where.locationType === 'hybrid') posting.locationType = where.locationType;

  // A date without a zone is read in Toronto time and returned as UTC ISO.
  const posted = card.querySelector('time')?.getAttribute('datetime');
  const datePosted = posted ? parseDate(posted) : undefined;
  if (datePosted) posting.datePosted = datePosted;
  return posting;
}

function text(el: HtmlElement | null | undefined): string {
  return el ? normalizeWhitespace(el.textContent ?? '') : '';
}
