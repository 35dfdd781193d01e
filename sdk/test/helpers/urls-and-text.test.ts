import { describe, expect, it } from 'vitest';
import { absoluteUrl, decodeEntities, normalizeWhitespace, PathfinderError, stripWordMarkup } from '../../src/index.js';

describe('absoluteUrl', () => {
  it('resolves relative, root-relative and protocol-relative hrefs', () => {
    expect(absoluteUrl('jobs?id=1', 'https://www.civicjobs.ca/rss/')).toBe('https://www.civicjobs.ca/rss/jobs?id=1');
    expect(absoluteUrl('/jobs/view/112233/E/analyst', 'https://workinnonprofits.ca/jobs/list')).toBe('https://workinnonprofits.ca/jobs/view/112233/E/analyst');
    expect(absoluteUrl('//cdn.x.ca/a.png', 'https://x.ca')).toBe('https://cdn.x.ca/a.png');
    expect(absoluteUrl('https://other.ca/x', 'https://x.ca')).toBe('https://other.ca/x');
  });

  it('cleans whitespace and &amp; from scraped hrefs', () => {
    expect(absoluteUrl('  /jobs?id=123&amp;ref=rss\n', 'https://www.civicjobs.ca')).toBe('https://www.civicjobs.ca/jobs?id=123&ref=rss');
  });

  it('throws PF_ERR_INVALID_URL when it cannot resolve', () => {
    expect(() => absoluteUrl('/x', 'not a base')).toThrow(PathfinderError);
    try {
      absoluteUrl('/x', 'nope');
    } catch (e) {
      expect((e as PathfinderError).code).toBe('PF_ERR_INVALID_URL');
    }
  });
});

describe('normalizeWhitespace', () => {
  it('collapses every kind of whitespace', () => {
    expect(normalizeWhitespace('  Junior\u00a0\u00a0Analyst \n\t(Co-op)\u200b ')).toBe('Junior Analyst (Co-op)');
  });

  it('keeps paragraphs when asked', () => {
    expect(normalizeWhitespace(' a  b \r\n\r\n\r\n\n  c \n d ', { keepParagraphs: true })).toBe('a b\n\nc\nd');
  });
});

describe('decodeEntities', () => {
  it('decodes XML, numeric, HTML named and Windows-1252 references, leaving bare &', () => {
    expect(decodeEntities('A &amp; B &lt;p&gt; &#233;&#xE9; &eacute; &rsquo; &#146; & C &bogus;')).toBe('A & B <p> éé é ’ ’ & C &bogus;');
  });
});

describe('stripWordMarkup', () => {
  it('removes Office noise and keeps smart-tag words', () => {
    expect(stripWordMarkup('<p>Hi<o:p>&nbsp;</o:p> <st1:place><st1:City>Halifax</st1:City></st1:place><v:shape><v:fill/></v:shape></p><!--[if gte mso 9]><xml>x</xml><![endif]-->')).toBe('<p>Hi Halifax</p>');
  });
});
