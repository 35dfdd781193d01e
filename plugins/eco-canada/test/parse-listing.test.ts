import { parseHtmlDocument, type HtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../src/parse-listing.js';
import { jobIdFromHref, listUrl } from '../src/site-urls.js';

function doc(body: string): HtmlDocument {
  return parseHtmlDocument(`<!doctype html><html><head></head><body>${body}</body></html>`);
}

describe('parseListing', () => {
  it('reads cards and the next link', () => {
    const page = parseListing(
      doc(`
      <div class="job-listings-item"><a class="job-details-link" href="/jobs/1"><h3> Soil &amp; Water
        Intern </h3></a>
        <a class="job-info-link-item" href="/companies/acme">Acme</a>
        <span class="job-info-link-item">Internship</span>
        <span class="job-info-link-item">Calgary, AB</span></div>
      <ul class="pagination"><li class="page-item"><a rel="next" href="/jobs?page=2">Next</a></li></ul>`),
    );
    expect(page).toEqual({
      cards: [{ id: '1', title: 'Soil & Water Intern', companyName: 'Acme', jobTypeLabel: 'Internship', location: 'Calgary, AB' }],
      nextHref: '/jobs?page=2',
    });
  });

  it('tells info items apart by link, by label and by position', () => {
    const page = parseListing(
      doc(`
      <div class="job-listings-item"><a class="job-details-link" href="/jobs/2"><h3>A</h3></a>
        <span class="job-info-link-item">Acme Ltd.</span><span class="job-info-link-item">Remote</span></div>
      <div class="job-listings-item"><a class="job-details-link" href="/jobs/3"><h3>B</h3></a>
        <a class="job-info-link-item" href="/jobs?location=Regina">Regina, SK</a>
        <a class="job-info-link-item" href="/jobs?job_type=coop">Work term</a>
        <a class="job-info-link-item" href="/companies/x">X Corp</a></div>
      <div class="job-listings-item"><a class="job-details-link" href="/jobs/4"><h3>C</h3></a>
        <a class="job-info-link-item" href="/companies/y">Y Inc</a><span class="job-info-link-item">Montréal, QC</span></div>`),
    );
    expect(page.cards).toEqual([
      { id: '2', title: 'A', companyName: 'Acme Ltd.', location: 'Remote' },
      { id: '3', title: 'B', companyName: 'X Corp', jobTypeLabel: 'Work term', location: 'Regina, SK' },
      { id: '4', title: 'C', companyName: 'Y Inc', location: 'Montréal, QC' },
    ]);
    expect(page.nextHref).toBeUndefined();
  });

  it('skips cards without a job link, falls back to data-id and to the link text', () => {
    const page = parseListing(
      doc(`
      <div class="job-listings-item sponsored"><a href="https://eco.ca/funding">Funding</a></div>
      <div class="job-listings-item" data-id="77"><h3>Only data-id</h3></div>
      <div class="job-listings-item"><a class="job-details-link" href="https://ecoworks.eco.ca/jobs/88-some-slug">No heading</a></div>
      <div class="job-listings-item"><a class="job-details-link" href="/jobs/99/apply"><h3>Apply link only</h3></a></div>`),
    );
    expect(page.cards).toEqual([
      { id: '77', title: 'Only data-id' },
      { id: '88', title: 'No heading' },
    ]);
  });

  it('returns nothing from a page that is not a listing', () => {
    expect(parseListing(doc('<h1>Maintenance</h1>'))).toEqual({ cards: [] });
  });

  it('accepts rel="next" among other rel tokens and ignores rel="prev"', () => {
    const page = parseListing(
      doc(`<nav><ul class="pagination"><li><a rel="prev" href="/jobs?page=1">Prev</a></li>
        <li class="page-item"><a rel="nofollow next" href="/jobs?page=3">Next</a></li></ul></nav>`),
    );
    expect(page.nextHref).toBe('/jobs?page=3');
  });
});

describe('site URLs', () => {
  it('extracts numeric job ids from job links only', () => {
    expect(jobIdFromHref('/jobs/48213')).toBe('48213');
    expect(jobIdFromHref('jobs/48252')).toBe('48252');
    expect(jobIdFromHref(' https://ecoworks.eco.ca/jobs/5/?utm=x ')).toBe('5');
    expect(jobIdFromHref('/jobs/6#apply')).toBe('6');
    expect(jobIdFromHref('/jobs/7-gis-analyst')).toBe('7');
    expect(jobIdFromHref('/jobs/7/apply')).toBeUndefined();
    expect(jobIdFromHref('/jobs?page=2')).toBeUndefined();
    expect(jobIdFromHref('/myjobs/8')).toBeUndefined();
    expect(jobIdFromHref('/jobs/abc')).toBeUndefined();
  });

  it('builds the listing URL on the base URL', () => {
    expect(listUrl('http://m/', 'jobs')).toBe('http://m/jobs');
  });
});
