import { describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../src/pipeline/normalize-url.js';

describe('normalizeUrl', () => {
  it.each([
    // identity parameters survive, trackers go, the rest is sorted
    ['https://jobs.example.ca/view?id=123', 'https://jobs.example.ca/view?id=123'],
    ['https://jobs.example.ca/view?utm_source=li&id=123&utm_medium=social', 'https://jobs.example.ca/view?id=123'],
    ['https://x.ca/j?b=2&a=1&gclid=abc&fbclid=def&ref=home', 'https://x.ca/j?a=1&b=2'],
    ['https://x.ca/j?UTM_Campaign=x&jobId=9', 'https://x.ca/j?jobId=9'],
    ['https://x.ca/j?id=1&mc_cid=1&mc_eid=2&msclkid=3&_hsenc=4&pk_campaign=5', 'https://x.ca/j?id=1'],
    // host lower-cased, path case kept, default port and fragment dropped
    ['HTTPS://Jobs.Example.CA:443/Job/View/ABC?id=42#apply', 'https://jobs.example.ca/Job/View/ABC?id=42'],
    ['http://x.ca:80/a', 'http://x.ca/a'],
    ['http://x.ca:8080/a', 'http://x.ca:8080/a'],
    // empty query and bare '?'
    ['https://x.ca/a?', 'https://x.ca/a'],
    ['https://x.ca/a?utm_source=only', 'https://x.ca/a'],
    ['https://x.ca', 'https://x.ca/'],
    // values and their encoding kept as written; repeated keys keep their order
    ['https://x.ca/s?q=a%2Cb&q=c+d&city=Montr%C3%A9al', 'https://x.ca/s?city=Montr%C3%A9al&q=a%2Cb&q=c+d'],
    ['https://x.ca/s?id=2&ID=1', 'https://x.ca/s?id=2&ID=1'],
    // "ref" as a prefix of another name is not a tracker
    ['https://x.ca/j?reference=R-12&ref=nav', 'https://x.ca/j?reference=R-12'],
    // client-side routes in the fragment identify the job
    ['https://x.ca/#/jobs/77?utm_source=a', 'https://x.ca/#/jobs/77?utm_source=a'],
    ['https://x.ca/careers#!/job/5', 'https://x.ca/careers#!/job/5'],
    ['  https://x.ca/a  ', 'https://x.ca/a'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizeUrl('HTTPS://Example.ca:443/P?z=1&utm_term=x&a=%20b#frag');
    expect(normalizeUrl(once)).toBe(once);
  });

  it('returns a non-URL trimmed and unchanged', () => {
    expect(normalizeUrl(' not a url ')).toBe('not a url');
  });
});
