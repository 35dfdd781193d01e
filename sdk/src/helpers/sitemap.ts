import { assertRootClosed } from './feed.js';
import { findElements, firstText, stripXmlControlChars } from './xml-text.js';

/** One `<url>` or `<sitemap>` entry. */
export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

/**
 * Parses a sitemap (`urlset`) or sitemap index (`sitemapindex`) leniently. One cut off mid-download
 * (its root never closed) throws `TruncatedResponseError` rather than reading as a shorter list.
 *
 * @example
 * ```ts
 * const map = parseSitemap((await ctx.fetch('/sitemap.xml')).text);
 * if (map.kind === 'index') for (const s of map.urls.filter((u) => /job/.test(u.loc))) await ctx.fetch(s.loc);
 * ```
 */
export function parseSitemap(xml: string): { kind: 'index' | 'urlset'; urls: SitemapEntry[] } {
  const src = stripXmlControlChars(xml);
  assertRootClosed(src, ['urlset', 'sitemapindex'], 'sitemap');
  const kind = /<(\w+:)?sitemapindex[\s>]/i.test(src) ? 'index' : 'urlset';
  const blocks = findElements(src, kind === 'index' ? 'sitemap' : 'url');
  const urls: SitemapEntry[] = [];
  for (const b of blocks) {
    const loc = firstText(b.inner, ['loc']);
    if (!loc) continue;
    const lastmod = firstText(b.inner, ['lastmod']);
    urls.push(lastmod ? { loc: loc.trim(), lastmod: lastmod.trim() } : { loc: loc.trim() });
  }
  return { kind, urls };
}
