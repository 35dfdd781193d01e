import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { identifierOf, placeOf, readJsonLd } from '../src/parse-json-ld.js';

function page(...blocks: string[]): string {
  return `<html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('\n')}</head><body></body></html>`;
}

describe('identifierOf', () => {
  it('reads strings, numbers, PropertyValues, @value and lists', () => {
    expect(identifierOf('  CB-3391 ')).toBe('CB-3391');
    expect(identifierOf(24017)).toBe('24017');
    expect(identifierOf({ '@type': 'PropertyValue', name: 'Career Edge', value: 'CE-1' })).toBe('CE-1');
    expect(identifierOf({ '@value': 'CE-2' })).toBe('CE-2');
    expect(identifierOf([{ name: 'no value' }, '', { value: 77 }])).toBe('77');
  });

  it('gives undefined for empty, NaN, null and shapeless values', () => {
    for (const v of ['', '   ', Number.NaN, null, undefined, {}, [], [{}], true]) expect(identifierOf(v)).toBeUndefined();
  });

  it('caps an absurdly long identifier at the schema limit', () => {
    expect(identifierOf('x'.repeat(500))).toHaveLength(200);
  });
});

describe('placeOf', () => {
  it('reads a Place, a list of Places and a bare PostalAddress', () => {
    expect(placeOf({ address: { addressLocality: ' Halifax ', addressRegion: 'Nouvelle-Écosse' } })).toEqual({ city: 'Halifax', province: 'NS' });
    expect(placeOf([{ address: {} }, { address: { addressLocality: 'Richmond', addressRegion: 'BC' } }])).toEqual({
      city: 'Richmond',
      province: 'BC',
    });
    expect(placeOf({ addressLocality: 'Iqaluit', addressRegion: 'Nunavut' })).toEqual({ city: 'Iqaluit', province: 'NU' });
  });

  it('reads an address written as one string', () => {
    expect(placeOf({ '@type': 'Place', address: 'Saskatoon, SK' })).toMatchObject({ city: 'Saskatoon', province: 'SK' });
  });

  it('keeps the city when the region is unknown, and gives nothing for junk', () => {
    expect(placeOf({ address: { addressLocality: 'Boston', addressRegion: 'MA' } })).toEqual({ city: 'Boston' });
    expect(placeOf(null)).toEqual({});
    expect(placeOf('Toronto')).toEqual({});
    expect(placeOf([42, { address: { addressLocality: '   ' } }])).toEqual({});
  });
});

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
