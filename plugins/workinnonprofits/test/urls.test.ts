import { describe, expect, it } from 'vitest';
import { jobUrl, pageNumberOf, parseJobLink, parseRegionLink, regionUrl, searchUrl } from '../src/urls.js';

describe('parseJobLink', () => {
  it('reads paid and volunteer links, relative or absolute, E or F', () => {
    expect(parseJobLink('/jobs/view/112345/E/program-coordinator')).toEqual({
      section: 'jobs', id: '112345', language: 'E', slug: 'program-coordinator',
    });
    expect(parseJobLink('https://workinnonprofits.ca/volunteer-jobs/view/4521/f/tresorier?utm=x#top')).toEqual({
      section: 'volunteer-jobs', id: '4521', language: 'F', slug: 'tresorier',
    });
    expect(parseJobLink('  jobs/view/7/E  ')).toEqual({ section: 'jobs', id: '7', language: 'E' });
  });

  it('never reads a volunteer link as a paid one', () => {
    expect(parseJobLink('/volunteer-jobs/view/12/E/x')?.section).toBe('volunteer-jobs');
  });

  it('rejects what is not a job link', () => {
    for (const href of ['', '#', '/jobs/search', '/jobs/view/abc/E/x', '/jobs/view/12/X/x', 'mailto:a@b.c', '/myjobs/view/1/E/x']) {
      expect(parseJobLink(href)).toBeUndefined();
    }
  });

  it('keeps an accented slug readable', () => {
    expect(parseJobLink('/jobs/view/5/F/caf%C3%A9-communautaire')?.slug).toBe('café-communautaire');
  });
});

describe('parseRegionLink', () => {
  it('reads the id and slug', () => {
    expect(parseRegionLink('/jobs/list-by/region/9/nova-scotia')).toEqual({ section: 'jobs', id: 9, slug: 'nova-scotia' });
    expect(parseRegionLink('http://127.0.0.1:1/volunteer-jobs/list-by/region/6/ontario?page=3')).toEqual({
      section: 'volunteer-jobs', id: 6, slug: 'ontario',
    });
    expect(parseRegionLink('/jobs/list-by/region/12')).toEqual({ section: 'jobs', id: 12 });
    expect(parseRegionLink('/jobs/list-by/category/3/arts')).toBeUndefined();
  });
});

describe('URL building', () => {
  const base = 'http://127.0.0.1:5555/';
  it('builds every URL from the base, never from the page', () => {
    expect(searchUrl(base, 'volunteer-jobs')).toBe('http://127.0.0.1:5555/volunteer-jobs/search');
    expect(regionUrl(base, { section: 'jobs', id: 9, slug: 'nova-scotia' })).toBe('http://127.0.0.1:5555/jobs/list-by/region/9/nova-scotia');
    expect(regionUrl(base, { section: 'jobs', id: 9, slug: 'nova-scotia' }, 2)).toBe('http://127.0.0.1:5555/jobs/list-by/region/9/nova-scotia?page=2');
    expect(jobUrl(base, { section: 'jobs', id: '1', language: 'F', slug: 'café' })).toBe('http://127.0.0.1:5555/jobs/view/1/F/caf%C3%A9');
    expect(jobUrl('https://workinnonprofits.ca', { section: 'volunteer-jobs', id: '4521', language: 'E' })).toBe(
      'https://workinnonprofits.ca/volunteer-jobs/view/4521/E',
    );
  });
});

describe('pageNumberOf', () => {
  it('reads ?page=N from relative and absolute hrefs', () => {
    expect(pageNumberOf('?page=2')).toBe(2);
    expect(pageNumberOf('/jobs/list-by/region/9/nova-scotia?sort=date&page=13')).toBe(13);
    expect(pageNumberOf(' https://workinnonprofits.ca/jobs/list-by/region/9/x?page=4 ')).toBe(4);
  });
  it('gives undefined for anything else', () => {
    for (const href of ['#', '', '?page=', '?page=0', '?page=two', '/jobs/search']) expect(pageNumberOf(href)).toBeUndefined();
  });
});
