import { describe, expect, it } from 'vitest';
import { TruncatedResponseError, parseSitemap } from '../../src/index.js';

describe('parseSitemap', () => {
  it('reads a sitemap index', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet href="x.xsl"?>
      <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://www.careeredge.ca/job-sitemap.xml</loc><lastmod>2026-11-01T10:00:00+00:00</lastmod></sitemap>
        <sitemap><loc> https://www.careeredge.ca/page-sitemap.xml </loc></sitemap>
      </sitemapindex>`;
    expect(parseSitemap(xml)).toEqual({
      kind: 'index',
      urls: [
        { loc: 'https://www.careeredge.ca/job-sitemap.xml', lastmod: '2026-11-01T10:00:00+00:00' },
        { loc: 'https://www.careeredge.ca/page-sitemap.xml' },
      ],
    });
  });

  it('reads a urlset with escaped ampersands, CDATA and image extensions', () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><loc>https://x.ca/job/a/?ref=1&amp;b=2</loc><image:image><image:loc>https://x.ca/i.png</image:loc></image:image></url>
      <url><loc><![CDATA[https://x.ca/internship/b/]]></loc><lastmod>2026-10-01</lastmod></url>
      <url><lastmod>2026-10-01</lastmod></url>
    </urlset>`;
    expect(parseSitemap(xml)).toEqual({
      kind: 'urlset',
      urls: [{ loc: 'https://x.ca/job/a/?ref=1&b=2' }, { loc: 'https://x.ca/internship/b/', lastmod: '2026-10-01' }],
    });
  });

  it('tolerates garbage', () => {
    expect(parseSitemap('<html>nope</html>')).toEqual({ kind: 'urlset', urls: [] });
  });
});

describe('parseSitemap (truncated)', () => {
  it('refuses a sitemap or index cut off mid-download', () => {
    expect(() => parseSitemap('<urlset><url><loc>https://x.ca/a</loc></url><url><loc>https://x.ca/')).toThrow(TruncatedResponseError);
    expect(() => parseSitemap('<sm:sitemapindex xmlns:sm="x"><sm:sitemap><sm:loc>https://x.ca/s1.xml</sm:loc></sm:sitemap>')).toThrow(/ends before its <\/sitemapindex>/);
    expect(parseSitemap('<urlset><url><loc>https://x.ca/a</loc></url></URLSET>\n').urls).toHaveLength(1);
  });
});
