/**
 * Reads one ECO Works listing page (`/jobs`, `/jobs?page=2`…): the job cards and the link to
 * the next page. JBoard cards are `.job-listings-item` blocks holding a `.job-details-link`
 * (with an `h3` title) and `.job-info-link-item` entries for company, job type and location.
 */
import { normalizeWhitespace, type HtmlDocument, type HtmlElement } from '@pathfinder/sdk';
import { jobIdFromHref } from './site-urls.js';

/** What a listing card says about a job (the fallback when its detail page carries no data). */
export interface ListingCard {
  /** The numeric job id, from the card's link (or its `data-id`). */
  id: string;
  title?: string;
  companyName?: string;
  /** The board's job-type label as shown, e.g. "Internship", "Co-op", "Full-time". */
  jobTypeLabel?: string;
  location?: string;
}

/** One listing page: its cards in page order and the raw `href` of its `rel="next"` link. */
export interface ListingPage {
  cards: ListingCard[];
  nextHref?: string;
}

// Labels JBoard boards use for job types, so an unlabelled `.job-info-link-item` can be told
// apart from a location (*assumed*: the board's job-type list was never recorded).
const JOB_TYPE_LABEL =
  /^(?:full[\s-]?time|part[\s-]?time|contract(?:or)?|temporary|seasonal|permanent|casual|freelance|volunteer|intern(?:ship)?|co[\s-]?op(?:erative)?(?: education)?|apprenticeship|fellowship|term|other)$/i;

/**
 * Parses a listing page. Cards without a job link (sponsored blocks) are dropped; missing card
 * fields are left undefined.
 *
 * The `.job-info-link-item` entries are told apart by their link first (`/companies/…` is the
 * company, `?job_type=` the type, `?location=` the location), then by their text (a known
 * job-type label), and otherwise by position: the first is the company, the next the location
 * (*assumed* order: company, job type, location).
 *
 * @example
 * ```ts
 * const page = parseListing((await ctx.fetch(url)).document);
 * // page.cards[0] => { id: '48213', title: 'Environmental Science Intern (Summer 2026)',
 * //   companyName: 'Prairie Watershed Alliance', jobTypeLabel: 'Internship', location: 'Calgary, AB' }
 * // page.nextHref => '/jobs?page=2'
 * ```
 */
export function parseListing(doc: HtmlDocument): ListingPage {
  const cards: ListingCard[] = [];
  for (const el of Array.from(doc.querySelectorAll('.job-listings-item'))) {
    const card = parseCard(el);
    if (card) cards.push(card);
  }
  const next = doc.querySelector('.pagination a[rel~="next"]');
  const nextHref = next?.getAttribute('href')?.trim();
  return nextHref ? { cards, nextHref } : { cards };
}

function parseCard(el: HtmlElement): ListingCard | undefined {
  const link = el.querySelector('a.job-details-link') ?? el.querySelector('a[href*="jobs/"]');
  const dataId = el.getAttribute('data-id')?.trim();
  const id = jobIdFromHref(link?.getAttribute('href') ?? '') ?? (dataId && /^\d+$/.test(dataId) ? dataId : undefined);
  if (!id) return undefined;

  const card: ListingCard = { id };
  const heading = link?.querySelector('h3') ?? el.querySelector('h3');
  const title = text(heading ?? link);
  if (title) card.title = title;
  Object.assign(card, classifyInfoItems(Array.from(el.querySelectorAll('.job-info-link-item'))));
  return card;
}

function classifyInfoItems(items: HtmlElement[]): Pick<ListingCard, 'companyName' | 'jobTypeLabel' | 'location'> {
  const out: Pick<ListingCard, 'companyName' | 'jobTypeLabel' | 'location'> = {};
  const unhinted: { value: string; first: boolean }[] = [];
  items.forEach((item, index) => {
    const value = text(item);
    if (!value) return;
    const href = item.getAttribute('href') ?? '';
    if (/\/(?:companies|company|employers)\//i.test(href)) out.companyName ??= value;
    else if (/[?&]job_?type/i.test(href)) out.jobTypeLabel ??= value;
    else if (/[?&]location/i.test(href)) out.location ??= value;
    else unhinted.push({ value, first: index === 0 });
  });
  for (const { value, first } of unhinted) {
    if (JOB_TYPE_LABEL.test(value)) out.jobTypeLabel ??= value;
    else if (first && out.companyName === undefined) out.companyName = value;
    else out.location ??= value;
  }
  return out;
}

function text(el: HtmlElement | null | undefined): string {
  return el ? normalizeWhitespace(el.textContent ?? '') : '';
}
