import { parseHtmlDocument, stripWordMarkup, type HtmlDocument } from '@pathfinder/sdk';
import { splitDescriptionHtml } from './html-description.js';
import type { DetailPage } from './job-draft.js';

/** The detail page's body. */
export const DETAIL_SELECTOR = 'div.card.job-detail';

// Chrome inside the card that is not description: the title (kept apart), buttons, forms, scripts.
const NOISE = 'h1, script, style, noscript, form, button, nav, .btn, .share, .social';

/**
 * Reads a job's detail page (`/jobs?id=…`): the body is `div.card.job-detail`; its `h1` is the
 * title, its labelled lines fill gaps the feed left, the rest is the full description.
 * Returns `undefined` when the page has no such card (an error page, a changed layout).
 *
 * Pass the page's TEXT when it may hold Word markup: Word's downlevel conditionals
 * (`<![if !supportLists]>·<![endif]>`) must be removed before an HTML parser sees them, since
 * linkedom drops the markers and keeps the bullets they hid.
 *
 * @example
 * ```ts
 * const res = await ctx.fetch(`${ctx.baseUrl}/jobs?id=123456`);
 * const detail = parseDetailPage(res.text); // { heading, labels, description, descriptionHtml }
 * ```
 */
export function parseDetailPage(input: HtmlDocument | string): DetailPage | undefined {
  const doc = typeof input === 'string' ? parseHtmlDocument(stripWordMarkup(input)) : input;
  const card = doc.querySelector(DETAIL_SELECTOR);
  if (!card) return undefined;
  const heading = card.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  for (const el of Array.from(card.querySelectorAll(NOISE))) el.remove();
  const split = splitDescriptionHtml(card.innerHTML);
  const page: DetailPage = { labels: split.labels, description: split.text };
  if (heading) page.heading = heading;
  if (split.html) page.descriptionHtml = split.html;
  return page;
}
