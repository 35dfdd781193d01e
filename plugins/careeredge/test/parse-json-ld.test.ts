import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../src/parse-json-ld.js';

function page(...blocks: string[]): string {
  return `<html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('\n')}</head><body></body></html>`;
}

describe('readJsonLd', () => {
  it('gives undefined when the page has no JobPosting, or only broken blocks', () => {
    expect(readJsonLd(page('{"@type":"Organization","name":"Career Edge"}'))).toBeUndefined();
    expect(readJsonLd(page('{"@type": "JobPosting", title: oops'))).toBeUndefined();
    expect(readJsonLd('<html><body><h1>No scripts</h1></body></html>')).toBeUndefined();
  });

  it('finds the posting in an array, a @graph and a nested mainEntity', () => {
    const posting = '{"@type":"JobPosting","title":"Analyst","hiringOrganization":{"name":"Org"}}';
    expect(readJsonLd(page(`[{"@type":"WebSite"}, ${posting}]`))?.title).toBe('Analyst');
    expect(readJsonLd(page(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage"}, ${posting}]}`))?.title).toBe('Analyst');
    expect(readJsonLd(page(`{"@type":"WebPage","mainEntity":${posting}}`))?.companyName).toBe('Org');
  });

  it('takes the good block when a broken one precedes it', () => {
    const r = readJsonLd(page('{ "@type": "BreadcrumbList", itemListElement: [ , ] ', '{"@type":"JobPosting","title":"Kept"}'));
    expect(r?.title).toBe('Kept');
  });

  it('maps TELECOMMUTE (also in a list) to remote', () => {
    expect(readJsonLd(page('{"@type":"JobPosting","title":"A","jobLocationType":["TELECOMMUTE"]}'))?.locationType).toBe('remote');
    expect(readJsonLd(page('{"@type":"JobPosting","title":"A","jobLocationType":"telecommute"}'))?.locationType).toBe('remote');
  });

  it('fills city and province the generic mapping misses (string address, list identifier)', () => {
    const r = readJsonLd(
      page('{"@type":"JobPosting","title":"A","identifier":[{"name":"x"},{"value":"CE-9"}],"jobLocation":{"@type":"Place","address":"Regina, Saskatchewan"}}'),
    );
    expect(r).toMatchObject({ externalId: 'CE-9', city: 'Regina', province: 'SK' });
  });

  it('reads French region names and leaves no externalId when there is no identifier', () => {
    const r = readJsonLd(
      page('{"@type":"JobPosting","title":"A","jobLocation":{"address":{"addressLocality":"Victoria","addressRegion":"Colombie-Britannique"}}}'),
    );
    expect(r).toMatchObject({ city: 'Victoria', province: 'BC' });
    expect(r).not.toHaveProperty('externalId');
  });

  it('accepts a parsed document as well as a string', () => {
    const doc = parseHtmlDocument(page('{"@type":"JobPosting","title":"From a document"}'));
    expect(readJsonLd(doc)?.title).toBe('From a document');
  });
});
