import { normalizeWhitespace, parseDate, type HtmlDocument, type HtmlElement, type JobPosting } from '@pathfinder/sdk';
import { optional } from './optional.js';
import { workModeToLocationType } from './parse-location.js';
import { pageNumberOf, parseJobLink, type JobLink } from './urls.js';

/** One job card (`div.job_item.card`) of a region listing page. */
export interface ListingCard {
  /** The job link to follow: the English one when the card has both. */
  link: JobLink;
  /** Title text of the chosen link. */
  title?: string;
  /** `span.lj_org`. */
  companyName?: string;
  /** `span.lj_loc`, or the fuller `title` of a `.winp_tooltip` inside it. */
  location?: string;
  /** `span.lj_date` ("closes in 12 days") resolved against `now`, as UTC ISO. */
  applicationDeadline?: string;
  /** From the work-mode line, e.g. `<b>Work From Home</b> | Full Time` gives 'remote'. */
  locationType?: JobPosting['locationType'];
}

/** A listing page read: its cards (each job once) and the next page number, if any. */
export interface ListingPage {
  cards: ListingCard[];
  /** The `?page=N` the "next" link points at; undefined on the last page. */
  nextPage?: number;
}

/**
 * Reads a region listing page (`/jobs/list-by/region/{id}/{slug}[?page=N]`).
 *
 * A posting listed twice on the page (once per language) gives one card; a card with both an
 * `/E/` and an `/F/` link keeps the English one. Cards without a recognisable job link are skipped.
 *
 * @example
 * ```ts
 * const { cards, nextPage } = parseListingPage(res.document, { now: ctx.now() });
 * // cards[0] = { link: { section: 'jobs', id: '112345', language: 'E', slug: '…' }, title: '…',
 * //              applicationDeadline: '2026-03-31T…Z', locationType: 'onsite', … }
 * ```
 */
export function parseListingPage(doc: HtmlDocument, o: { now: Date }): ListingPage {
  const byId = new Map<string, ListingCard>();
  for (const el of cardElements(doc)) {
    const card = parseCard(el, o.now);
    if (!card) continue;
    const prior = byId.get(card.link.id);
    // Keep the first sighting, but let an English card replace a French-only one.
    if (!prior || (prior.link.language === 'F' && card.link.language === 'E')) byId.set(card.link.id, card);
  }
  return { cards: [...byId.values()], ...optional('nextPage', parseNextPage(doc)) };
}

/**
 * Reads one `div.job_item.card`; undefined when it has no job link.
 *
 * @example
 * ```ts
 * parseCard(doc.querySelector('div.job_item.card')!, new Date('2026-03-10T14:00:00Z'));
 * ```
 */
export function parseCard(el: HtmlElement, now: Date): ListingCard | undefined {
  const anchors = [...el.querySelectorAll('span.lj_title a[href]')];
  if (anchors.length === 0) anchors.push(...el.querySelectorAll('a[href*="/view/"]'));
  const links = anchors
    .map((a) => ({ a, link: parseJobLink(a.getAttribute('href') ?? '') }))
    .filter((x): x is { a: HtmlElement; link: JobLink } => x.link !== undefined);
  if (links.length === 0) return undefined;
  // The card's id attribute repeats the job id; the link's id is the one its URL answers to.
  const chosen = links.find((x) => x.link.language === 'E') ?? links[0];
  const link = chosen.link;

  const title = text(chosen.a);
  const companyName = text(el.querySelector('span.lj_org'));
  const locEl = el.querySelector('span.lj_loc');
  const tooltip = normalizeWhitespace(
    locEl?.querySelector('.winp_tooltip[title]')?.getAttribute('title') ??
      el.querySelector('.winp_tooltip[title]')?.getAttribute('title') ??
      '',
  );
  const location = tooltip || text(locEl);
  const applicationDeadline = closingToIso(text(el.querySelector('span.lj_date')), now);
  const locationType = workModeOf(el);
  return {
    link,
    ...optional('title', title),
    ...optional('companyName', companyName),
    ...optional('location', location),
    ...optional('applicationDeadline', applicationDeadline),
    ...optional('locationType', locationType),
  };
}

/**
 * Resolves a card's closing text against `now` ("closes in 12 days", "closes today",
 * "closes tomorrow", and the French "ferme dans 12 jours", "ferme aujourd'hui", "ferme demain").
 *
 * @example
 * ```ts
 * closingToIso('closes in 12 days', new Date('2026-03-10T14:00:00Z')); // an ISO date 12 days on
 * closingToIso('', new Date());                                         // undefined
 * ```
 */
export function closingToIso(raw: string, now: Date): string | undefined {
  const t = normalizeWhitespace(raw)
    .toLowerCase()
    .replace(/[’`]/g, "'")
    // French cards: same meaning, English words for the SDK's parser.
    .replace(/\bfermes?\s+dans\s+(\d+)\s+jours?\b/, 'closes in $1 days')
    .replace(/\bfermes?\s+aujourd'hui\b/, 'closes today')
    .replace(/\bfermes?\s+demain\b/, 'closes tomorrow');
  const m = /closes?\s+(?:in\s+\d+\s+days?|today|tomorrow)/.exec(t);
  if (!m) return undefined;
  return parseDate(m[0].replace(/^close\b/, 'closes'), { now });
}

/**
 * The card elements: every `div.job_item`, plus, for a `span.lj_title` outside any of them (a
 * changed wrapper class, or attribute names a parser kept in upper case), the largest ancestor that
 * holds that one title and no other.
 */
function cardElements(doc: HtmlDocument): HtmlElement[] {
  const cards = [...doc.querySelectorAll('div.job_item')];
  for (const title of doc.querySelectorAll('span.lj_title')) {
    if (cards.some((c) => contains(c, title))) continue;
    let card: HtmlElement = title;
    while (card.parentElement && card.parentElement.querySelectorAll('span.lj_title').length === 1) {
      card = card.parentElement;
    }
    cards.push(card);
  }
  return cards;
}

function contains(ancestor: HtmlElement, el: HtmlElement): boolean {
  for (let p: HtmlElement | null = el; p; p = p.parentElement) if (p === ancestor) return true;
  return false;
}

function parseNextPage(doc: HtmlDocument): number | undefined {
  const next = doc.querySelector('ul.pagination li.page-item a.page-link.next_job_page');
  if (!next) return undefined;
  // The last page renders the "next" item disabled (sometimes still with an anchor, href "#").
  if (next.closest('li.page-item')?.matches('.disabled')) return undefined;
  return pageNumberOf(next.getAttribute('href') ?? '');
}

function workModeOf(el: HtmlElement): JobPosting['locationType'] {
  for (const b of el.querySelectorAll('b, strong')) {
    if (b.closest('span.lj_title, span.lj_org, span.lj_loc, span.lj_date')) continue;
    const type = workModeToLocationType(b.textContent ?? '');
    if (type) return type;
  }
  return undefined;
}

function text(el: HtmlElement | null | undefined): string {
  return el ? normalizeWhitespace(el.textContent ?? '') : '';
}
