import { absoluteUrl, normalizeWhitespace, type HtmlDocument, type HtmlElement } from '@pathfinder/sdk';
import type { JobDraft } from './job-draft.js';
import { jobIdFromLink, jobUrl, linkUrl } from './job-url.js';

/** One job card of the HTML listing `/jobs`. */
export interface ListingCard {
  title: string;
  employer?: string;
  location?: string;
  /** The posted date as written ("November 20, 2026", "3 days ago"). */
  posted?: string;
  /** The card's link, absolute. */
  href?: string;
  externalId?: string;
}

/**
 * Selectors of the listing (utility classes, so fragile: kept together to be easy to change).
 * The card id `jobbox-{id}` doubles as the job id when the link lacks one.
 */
export const LISTING_SELECTORS = {
  card: 'div[id^="jobbox-"]',
  title: 'span.fs-18',
  employer: 'p.text-muted.fs-14',
  marker: '.mdi-map-marker',
  link: 'a.text-dark',
  next: 'a[rel~="next"], link[rel~="next"]',
} as const;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_TEXT = new RegExp(
  `(?:posted(?:\\s+on)?\\s*:?\\s*)?(${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}` +
    '|\\d+\\s+(?:minute|hour|day|week)s?\\s+ago|today|yesterday)',
  'i',
);

/**
 * Reads one page of the HTML listing: its job cards and the next page's URL (a `rel="next"`
 * link, if the page has one). A card without a title is skipped.
 *
 * @example
 * ```ts
 * const res = await ctx.fetch(`${ctx.baseUrl}/jobs`);
 * const { cards, next } = parseListingPage(res.document, res.url);
 * ```
 */
export function parseListingPage(doc: HtmlDocument, pageUrl: string): { cards: ListingCard[]; next?: string } {
  const cards: ListingCard[] = [];
  for (const box of Array.from(doc.querySelectorAll(LISTING_SELECTORS.card))) {
    const card = readCard(box, pageUrl);
    if (card) cards.push(card);
  }
  const nextHref = doc.querySelector(LISTING_SELECTORS.next)?.getAttribute('href');
  return nextHref ? { cards, next: absoluteUrl(nextHref, pageUrl) } : { cards };
}

function readCard(box: HtmlElement, pageUrl: string): ListingCard | undefined {
  const link = box.querySelector(LISTING_SELECTORS.link) ?? box.querySelector('a[href*="id="]');
  const title = text(box.querySelector(LISTING_SELECTORS.title)) || text(link);
  if (!title) return undefined;
  const card: ListingCard = { title };

  // The location line may carry the same utility classes as the employer line: skip it.
  const employerEl = Array.from(box.querySelectorAll(LISTING_SELECTORS.employer))
    .find((el) => !el.querySelector(LISTING_SELECTORS.marker));
  const employer = text(employerEl ?? null);
  if (employer) card.employer = employer;

  const holder = box.querySelector(LISTING_SELECTORS.marker)?.parentElement ?? null;
  const where = splitLocationAndDate(text(holder));
  if (where.location) card.location = where.location;
  if (where.posted) card.posted = where.posted;

  const href = link?.getAttribute('href')?.trim();
  if (href) card.href = absoluteUrl(href, pageUrl);
  const id = jobIdFromLink(card.href) ?? /^jobbox-(\d+)$/.exec(box.id)?.[1];
  if (id) card.externalId = id;
  return card;
}

/**
 * Splits the text next to the map-marker icon into a place and a posted date:
 * `Surrey, BC | Posted November 20, 2026` -> `{ location: 'Surrey, BC', posted: 'November 20, 2026' }`.
 */
export function splitLocationAndDate(s: string): { location?: string; posted?: string } {
  const t = normalizeWhitespace(s);
  const m = DATE_TEXT.exec(t);
  const rest = m ? `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}` : t;
  const location = rest.replace(/^[\s|•·,\-\u2013\u2014]+|[\s|•·,\-\u2013\u2014]+$/g, '').replace(/\s*[|•·]\s*/g, ' ').trim();
  const out: { location?: string; posted?: string } = {};
  if (location) out.location = location;
  if (m) out.posted = m[1];
  return out;
}

/**
 * A listing card as a {@link JobDraft} (no description: the detail page, when fetched, adds it).
 * Returns `undefined` when the card has neither an id nor a link.
 */
export function listingCardToDraft(card: ListingCard, baseUrl: string): JobDraft | undefined {
  const originalUrl = card.externalId
    ? jobUrl(baseUrl, card.externalId)
    : card.href ? linkUrl(card.href, card.href) : undefined;
  if (!originalUrl) return undefined;
  const draft: JobDraft = { originalUrl, rawTitle: card.title, bareTitle: true, labels: {}, description: '' };
  if (card.externalId) draft.externalId = card.externalId;
  if (card.employer) draft.labels.employer = card.employer;
  if (card.location) draft.labels.location = card.location;
  if (card.posted) draft.posted = card.posted;
  return draft;
}

function text(el: HtmlElement | null | undefined): string {
  return el ? normalizeWhitespace(el.textContent ?? '') : '';
}
