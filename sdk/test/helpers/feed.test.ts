import { describe, expect, it } from 'vitest';
import { TruncatedResponseError, parseFeed } from '../../src/index.js';

const MALFORMED_RSS = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>CivicJobs.ca - Jobs & Careers</title>
  <atom:link href="https://www.civicjobs.ca/rss" rel="self" type="application/rss+xml"/>
  <item>
    <title>Police Constable Recruit - City of New Westminster (New Westminster, BC)</title>
    <link>https://www.civicjobs.ca/jobs?id=123456</link>
    <description><![CDATA[<p><strong>Employer:</strong> City of New Westminster</p><p>Location: New Westminster, BC</p>]]></description>
    <pubDate>Wed, 02 Dec 2026 09:30:00 -0800</pubDate>
    <guid isPermaLink="true">https://www.civicjobs.ca/jobs?id=123456</guid>
    <category>Police & Fire</category>
  </item>
  <item>
    <title>Parks & Recreation Clerk\u0007 - Town of Smithers (Smithers, BC)</title>
    <link>https://www.civicjobs.ca/jobs?id=98765&ref=rss</link>
    <description>&lt;p&gt;Employer: Town of Smithers&lt;/p&gt;&lt;p&gt;Closing Date: December 4, 2026&lt;/p&gt;</description>
    <pubDate>Thu, 03 Dec 2026 10:00:00 GMT</pubDate>
    <guid>98765</guid>
    <category><![CDATA[Office Administration]]></category>
    <category>Clerical</category>
  </item>
  <item>
    <title>Broken &amp;amp; double escaped</title>
    <link>  https://www.civicjobs.ca/jobs?id=11111  </link>
    <description>No tags at all</description>
  </item>
</channel>
</rss>`;

describe('parseFeed (RSS)', () => {
  const feed = parseFeed(MALFORMED_RSS);

  it('reads the channel title despite an unescaped &', () => {
    expect(feed.title).toBe('CivicJobs.ca - Jobs & Careers');
  });

  it('reads every item even with control characters and bare &', () => {
    expect(feed.items).toHaveLength(3);
    expect(feed.items[1]).toEqual({
      title: 'Parks & Recreation Clerk - Town of Smithers (Smithers, BC)',
      link: 'https://www.civicjobs.ca/jobs?id=98765&ref=rss',
      description: '<p>Employer: Town of Smithers</p><p>Closing Date: December 4, 2026</p>',
      pubDate: 'Thu, 03 Dec 2026 10:00:00 GMT',
      guid: '98765',
      categories: ['Office Administration', 'Clerical'],
    });
  });

  it('unwraps CDATA descriptions verbatim', () => {
    expect(feed.items[0]!.description).toBe('<p><strong>Employer:</strong> City of New Westminster</p><p>Location: New Westminster, BC</p>');
    expect(feed.items[0]!.categories).toEqual(['Police & Fire']);
    expect(feed.items[0]!.guid).toBe('https://www.civicjobs.ca/jobs?id=123456');
  });

  it('fixes double-escaped titles and trims links; missing fields stay absent', () => {
    expect(feed.items[2]).toEqual({
      title: 'Broken & double escaped',
      link: 'https://www.civicjobs.ca/jobs?id=11111',
      description: 'No tags at all',
      categories: [],
    });
  });
});

describe('parseFeed (Atom)', () => {
  it('reads entries, alternate links, content and terms', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Board</title>
      <entry><title type="html">Junior &lt;b&gt;Analyst&lt;/b&gt;</title>
        <link rel="self" href="https://x.ca/self/1"/><link rel="alternate" href="https://x.ca/jobs/1"/>
        <id>urn:job:1</id><published>2026-11-02T10:00:00Z</published><updated>2026-11-03T10:00:00Z</updated>
        <summary>Short</summary><content type="html">&lt;p&gt;Long&lt;/p&gt;</content>
        <category term="Finance"/></entry></feed>`;
    const feed = parseFeed(atom);
    expect(feed.title).toBe('Board');
    expect(feed.items).toEqual([
      {
        title: 'Junior Analyst',
        link: 'https://x.ca/jobs/1',
        description: '<p>Long</p>',
        pubDate: '2026-11-02T10:00:00Z',
        guid: 'urn:job:1',
        categories: ['Finance'],
      },
    ]);
  });

  it('returns no items for garbage', () => {
    expect(parseFeed('not xml at all')).toEqual({ items: [] });
    expect(parseFeed('')).toEqual({ items: [] });
  });
});

describe('parseFeed (truncated)', () => {
  it('refuses a feed cut off mid-download instead of reading it as a shorter one', () => {
    const cut = '<rss><channel><item><title>A</title><link>https://x.ca/a</link></item><item><title>B</title><link>https://x.ca/b</link><descr';
    expect(() => parseFeed(cut)).toThrow(TruncatedResponseError);
    expect(() => parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title></entry>')).toThrow(/ends before its <\/feed>/);
    expect(() => parseFeed('<rdf:RDF><item><title>A</title></item>')).toThrow(TruncatedResponseError);
  });

  it('reads a whole feed, and leaves text that is no feed at all to return no items', () => {
    expect(parseFeed('<rss><channel><item><title>A</title></item></channel></rss>\n').items).toHaveLength(1);
    expect(parseFeed('<?xml version="1.0"?><feed><entry><title>A</title></entry></FEED>').items).toHaveLength(1);
    expect(parseFeed('<html><body>Service unavailable</body></html>').items).toEqual([]);
  });
});
