import { ConfigError } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { compilePattern, pageKey, pathMatches, siteOrigins, siteUrl, slugFromUrl } from '../src/sitemap-urls.js';

const MIRROR = 'http://127.0.0.1:4010';
const SITEMAP = 'https://www.careeredge.ca/job-sitemap.xml';
const origins = siteOrigins(MIRROR);

describe('siteUrl', () => {
  it('keeps the site\'s URLs as written (www, bare domain, http), without the fragment', () => {
    expect(siteUrl('https://www.careeredge.ca/job/analyst/', SITEMAP, origins)).toBe('https://www.careeredge.ca/job/analyst/');
    expect(siteUrl('https://careeredge.ca/job/analyst/', SITEMAP, origins)).toBe('https://careeredge.ca/job/analyst/');
    expect(siteUrl('http://WWW.CareerEdge.ca/job/analyst/?lang=fr#apply', SITEMAP, origins)).toBe('http://www.careeredge.ca/job/analyst/?lang=fr');
  });

  it('keeps URLs on the origin the crawl is pointed at (a mirror naming itself)', () => {
    expect(siteUrl(`${MIRROR}/internship/dev/`, SITEMAP, origins)).toBe(`${MIRROR}/internship/dev/`);
    expect(siteUrl(`${MIRROR}/internship/dev/`, SITEMAP, siteOrigins('https://www.careeredge.ca'))).toBeUndefined();
  });

  it('tolerates whitespace, protocol-relative and root-relative locs', () => {
    expect(siteUrl('\n\t  https://www.careeredge.ca/job/a/ \n', SITEMAP, origins)).toBe('https://www.careeredge.ca/job/a/');
    expect(siteUrl('//www.careeredge.ca/job/a/', SITEMAP, origins)).toBe('https://www.careeredge.ca/job/a/');
    expect(siteUrl('/job/a/', `${MIRROR}/job-sitemap.xml`, origins)).toBe(`${MIRROR}/job/a/`);
  });

  it('drops other hosts, other schemes and garbage', () => {
    expect(siteUrl('https://careeredge.ca.evil.example/job/a/', SITEMAP, origins)).toBeUndefined();
    expect(siteUrl('https://cdn.example.com/job/a/', SITEMAP, origins)).toBeUndefined();
    expect(siteUrl('mailto:info@careeredge.ca', SITEMAP, origins)).toBeUndefined();
    expect(siteUrl('http://[not a url', SITEMAP, origins)).toBeUndefined();
    expect(siteUrl('   ', SITEMAP, origins)).toBeUndefined();
  });
});

describe('pathMatches and pageKey with the default patterns', () => {
  const jobs = compilePattern(DEFAULT_CONFIG.jobUrlPattern, 'jobUrlPattern');
  const children = compilePattern(DEFAULT_CONFIG.childSitemapPattern, 'childSitemapPattern');

  it('keeps posting pages only', () => {
    const kept = [
      'https://www.careeredge.ca/jobs/',
      'https://www.careeredge.ca/job/b/',
      'https://www.careeredge.ca/job-category/technology/',
      'https://www.careeredge.ca/job-seekers/',
      `${MIRROR}/internship/a`,
      'https://www.careeredge.ca/job/b/feed/',
      'https://www.careeredge.ca/internships/',
    ].filter((u) => pathMatches(u, jobs));
    expect(kept).toEqual(['https://www.careeredge.ca/job/b/', `${MIRROR}/internship/a`]);
  });

  it('tests the path only, not the host or the query', () => {
    expect(pathMatches('https://www.careeredge.ca/about/?next=/job/x/', jobs)).toBe(false);
    expect(pathMatches('https://www.careeredge.ca/page-sitemap.xml?job=1', children)).toBe(false);
    expect(pathMatches(`${MIRROR}/Internship-sitemap.xml`, children)).toBe(true);
  });

  it('names one page whatever origin spells it', () => {
    expect(pageKey('https://careeredge.ca/job/a/?lang=fr')).toBe('/job/a/?lang=fr');
    expect(pageKey(`${MIRROR}/job/a/`)).toBe(pageKey('https://www.careeredge.ca/job/a/'));
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
