import { ConfigError } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { compilePattern, selectUrls, slugFromUrl, toBaseUrl } from '../src/sitemap-urls.js';

const MIRROR = 'http://127.0.0.1:4010';

describe('toBaseUrl', () => {
  it('rewrites the real origin (www, bare domain, http) onto the base URL', () => {
    expect(toBaseUrl('https://www.careeredge.ca/job/analyst/', MIRROR)).toBe(`${MIRROR}/job/analyst/`);
    expect(toBaseUrl('https://careeredge.ca/job/analyst/', MIRROR)).toBe(`${MIRROR}/job/analyst/`);
    expect(toBaseUrl('http://WWW.CareerEdge.ca/job/analyst/?lang=fr#apply', MIRROR)).toBe(`${MIRROR}/job/analyst/?lang=fr`);
  });

  it('keeps URLs already on the base origin and the real site when it is the base', () => {
    expect(toBaseUrl(`${MIRROR}/internship/dev/`, MIRROR)).toBe(`${MIRROR}/internship/dev/`);
    expect(toBaseUrl('https://careeredge.ca/job/a/', 'https://www.careeredge.ca')).toBe('https://www.careeredge.ca/job/a/');
  });

  it('keeps a mirror path prefix', () => {
    expect(toBaseUrl('https://www.careeredge.ca/job/a/', 'http://mirror.local/careeredge/')).toBe(
      'http://mirror.local/careeredge/job/a/',
    );
    expect(toBaseUrl('/job/a/', 'http://mirror.local/careeredge')).toBe('http://mirror.local/careeredge/job/a/');
  });

  it('tolerates whitespace, protocol-relative and root-relative locs', () => {
    expect(toBaseUrl('\n\t  https://www.careeredge.ca/job/a/ \n', MIRROR)).toBe(`${MIRROR}/job/a/`);
    expect(toBaseUrl('//www.careeredge.ca/job/a/', MIRROR)).toBe(`${MIRROR}/job/a/`);
    expect(toBaseUrl('/job/a/', MIRROR)).toBe(`${MIRROR}/job/a/`);
  });

  it('drops other hosts, other schemes and garbage', () => {
    expect(toBaseUrl('https://careeredge.ca.evil.example/job/a/', MIRROR)).toBeUndefined();
    expect(toBaseUrl('https://cdn.example.com/job/a/', MIRROR)).toBeUndefined();
    expect(toBaseUrl('mailto:info@careeredge.ca', MIRROR)).toBeUndefined();
    expect(toBaseUrl('not a url', MIRROR)).toBeUndefined();
    expect(toBaseUrl('   ', MIRROR)).toBeUndefined();
  });
});

describe('selectUrls with the default patterns', () => {
  const jobs = compilePattern(DEFAULT_CONFIG.jobUrlPattern, 'jobUrlPattern');
  const children = compilePattern(DEFAULT_CONFIG.childSitemapPattern, 'childSitemapPattern');

  it('keeps posting pages only, once each, in order', () => {
    const locs = [
      'https://www.careeredge.ca/jobs/',
      'https://www.careeredge.ca/job/b/',
      'https://www.careeredge.ca/job-category/technology/',
      'https://www.careeredge.ca/job-seekers/',
      `${MIRROR}/internship/a`,
      'https://www.careeredge.ca/job/b/',
      `${MIRROR}/job/b/`,
      'https://www.careeredge.ca/job/b/feed/',
      'https://www.careeredge.ca/internships/',
      'https://jobs.example.com/job/c/',
    ];
    expect(selectUrls(locs, jobs, MIRROR)).toEqual([`${MIRROR}/job/b/`, `${MIRROR}/internship/a`]);
  });

  it('tests the path only, not the host or the query', () => {
    expect(selectUrls(['https://www.careeredge.ca/about/?next=/job/x/'], jobs, MIRROR)).toEqual([]);
    expect(selectUrls(['https://www.careeredge.ca/page-sitemap.xml?job=1'], children, MIRROR)).toEqual([]);
  });

  it('follows job and internship child sitemaps only', () => {
    const locs = [
      'https://www.careeredge.ca/post-sitemap.xml',
      'https://www.careeredge.ca/page-sitemap.xml',
      'https://www.careeredge.ca/job-sitemap.xml',
      'https://www.careeredge.ca/job-sitemap2.xml',
      `${MIRROR}/Internship-sitemap.xml`,
      'https://www.careeredge.ca/category-sitemap.xml',
    ];
    expect(selectUrls(locs, children, MIRROR)).toEqual([
      `${MIRROR}/job-sitemap.xml`,
      `${MIRROR}/job-sitemap2.xml`,
      `${MIRROR}/Internship-sitemap.xml`,
    ]);
  });
});

describe('slugFromUrl', () => {
  it('takes the last path segment, decoded, with or without a trailing slash', () => {
    expect(slugFromUrl('https://www.careeredge.ca/job/junior-data-analyst/')).toBe('junior-data-analyst');
    expect(slugFromUrl('https://www.careeredge.ca/internship/dev?x=1')).toBe('dev');
    expect(slugFromUrl('https://www.careeredge.ca/job/analyste-donn%C3%A9es/')).toBe('analyste-données');
    expect(slugFromUrl('https://www.careeredge.ca/job/bad%E0%A4%A/')).toBe('bad%E0%A4%A');
  });

  it('gives undefined for the root or a non-URL', () => {
    expect(slugFromUrl('https://www.careeredge.ca/')).toBeUndefined();
    expect(slugFromUrl('nope')).toBeUndefined();
  });
});

describe('compilePattern', () => {
  it('is case-insensitive', () => {
    expect(compilePattern('job|intern', 'childSitemapPattern').test('/JOB-sitemap.xml')).toBe(true);
  });

  it('throws ConfigError naming the field for a broken regex', () => {
    expect(() => compilePattern('/(job|internship/', 'jobUrlPattern')).toThrow(ConfigError);
    try {
      compilePattern('/(job|internship/', 'jobUrlPattern');
    } catch (e) {
      expect((e as ConfigError).code).toBe('PF_ERR_CONFIG_INVALID');
      expect((e as ConfigError).message).toContain('jobUrlPattern');
    }
  });
});
