import { TruncatedResponseError } from '../errors.js';
import { decodeEntities } from './entities.js';
import { ForwardSearch, stripTags } from './forward-search.js';
import { normalizeWhitespace } from './normalize-whitespace.js';
import { findElements, firstText, stripXmlControlChars, xmlInnerText } from './xml-text.js';

/** One RSS `<item>` or Atom `<entry>`. */
export interface FeedItem {
  /** Plain-text title (tags stripped, entities decoded, whitespace collapsed). */
  title: string;
  /** Absolute link when the feed gives one ('' if none). */
  link: string;
  /** The raw description/content, usually HTML (CDATA unwrapped, one level of entities decoded). */
  description: string;
  /** The date as written (`pubDate`, `dc:date`, Atom `published`/`updated`); pass it to `parseDate`. */
  pubDate?: string;
  /** `guid` (RSS) or `id` (Atom). */
  guid?: string;
  /** Every `category` (RSS text or Atom `term`). */
  categories: string[];
}

/**
 * Parses RSS 2.0 and Atom leniently: unescaped `&`, stray control characters, CDATA, entity-escaped
 * HTML and unknown namespaces do not stop it, and one broken item does not lose the others. A feed
 * cut off mid-download (its `<rss>`, `<feed>` or `<rdf:RDF>` never closed) throws
 * {@link TruncatedResponseError}: read as it is, it would look like a shorter feed and its last,
 * half-received item like an edited job.
 *
 * @example
 * ```ts
 * const res = await ctx.fetch('/rss');
 * for (const item of parseFeed(res.text).items) {
 *   console.log(item.title, item.link, parseDate(item.pubDate ?? ''), htmlToText(item.description));
 * }
 * ```
 */
export function parseFeed(xml: string): { title?: string; items: FeedItem[] } {
  const src = stripXmlControlChars(xml);
  assertRootClosed(src, ['rss', 'feed', 'rdf:RDF'], 'feed');
  const blocks = [...findElements(src, 'item'), ...findElements(src, 'entry')];
  // The feed's title is the first <title> outside every item.
  const head = withoutItems(src);
  const title = cleanTitle(firstText(head, ['title']));
  return { ...(title ? { title } : {}), items: blocks.map((b) => parseItem(b.inner)) };
}

/**
 * Throws {@link TruncatedResponseError} when the document opens one of `roots` but never closes it.
 * Text that opens none of them (garbage, an HTML error page) is left to the caller's parse.
 */
export function assertRootClosed(src: string, roots: string[], what: string): void {
  for (const root of roots) {
    // A namespace prefix is allowed on the root (`<sm:urlset>`), as the sitemap parser allows it.
    const open = new RegExp(`<(?:[\\w-]+:)?${root}[\\s>/]`, 'i').exec(src);
    if (!open) continue;
    let lastClose = -1;
    for (const m of src.matchAll(new RegExp(`</(?:[\\w-]+:)?${root}\\s*>`, 'gi'))) lastClose = m.index;
    if (lastClose < open.index) throw new TruncatedResponseError(`The ${what} ends before its </${root}>: the download was cut short`);
    return;
  }
}

/** `src` without its `<item …>…</item>` and `<entry …>…</entry>` elements. */
function withoutItems(src: string): string {
  const opens = new ForwardSearch(src, /<(item|entry)\b/);
  const closers = { item: new ForwardSearch(src, /<\/item\s*>/), entry: new ForwardSearch(src, /<\/entry\s*>/) };
  let out = '';
  let kept = 0;
  let from = 0;
  for (let start = opens.next(from); start !== -1; start = opens.next(from)) {
    const closer = closers[opens.group(1)!.toLowerCase() as 'item' | 'entry'];
    const end = closer.next(opens.end());
    if (end === -1) {
      from = start + 1;
      continue;
    }
    out += src.slice(kept, start);
    kept = from = closer.end();
  }
  return out + src.slice(kept);
}

function parseItem(x: string): FeedItem {
  const item: FeedItem = {
    title: cleanTitle(firstText(x, ['title'])) ?? '',
    link: itemLink(x),
    description: firstText(x, ['description', 'content:encoded', 'content', 'summary']) ?? '',
    categories: categories(x),
  };
  const pubDate = firstText(x, ['pubDate', 'dc:date', 'published', 'updated']);
  if (pubDate) item.pubDate = normalizeWhitespace(pubDate);
  const guid = firstText(x, ['guid', 'id']);
  if (guid) item.guid = guid;
  return item;
}

function itemLink(x: string): string {
  // RSS: <link>url</link>. Atom: <link rel="alternate" href="url"/> (rel defaults to alternate).
  const links = findElements(x, 'link');
  const rss = links.find((l) => l.inner.trim() !== '' && !l.attrs.href);
  if (rss) return xmlInnerText(rss.inner).trim();
  const atom = links.find((l) => l.attrs.href && (!l.attrs.rel || l.attrs.rel === 'alternate')) ?? links.find((l) => l.attrs.href);
  if (atom) return atom.attrs.href!.trim();
  const guid = findElements(x, 'guid').find((g) => g.attrs.ispermalink !== 'false');
  const guidText = guid ? xmlInnerText(guid.inner) : '';
  return /^https?:\/\//i.test(guidText) ? guidText : '';
}

function categories(x: string): string[] {
  return findElements(x, 'category')
    .map((c) => (c.inner.trim() ? cleanTitle(xmlInnerText(c.inner)) : c.attrs.term ?? c.attrs.label))
    .filter((c): c is string => !!c && c.trim() !== '')
    .map((c) => c.trim());
}

// Titles: strip tags, decode a second level of entities if the feed double-escaped them.
function cleanTitle(t: string | undefined): string | undefined {
  if (t === undefined) return undefined;
  let s = stripTags(t, ' ');
  if (/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i.test(s)) s = decodeEntities(s);
  return normalizeWhitespace(s);
}
