import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../src/parse-listing.js';

const page = (body: string) => parseHtmlDocument(`<!doctype html><html><body>${body}</body></html>`);

describe('parseListing', () => {
  it('reads a card with stray whitespace, entities and a relative link', () => {
    const { postings, skipped } = parseListing(
      page(`<ul><li class="job" data-id=" 7 ">
        <a href="jobs/7">  Junior  R&amp;D
          Analyst </a><span class="company">Acme &amp; Co.</span><span class="location">Hybrid - Montréal, QC</span>
        </li></ul>`),
      'https://jobs.example.com/board/',
    );
    expect(skipped).toEqual([]);
    expect(postings).toEqual([
      {
        title: 'Junior R&D Analyst',
        companyName: 'Acme & Co.',
        originalUrl: 'https://jobs.example.com/board/jobs/7',
        externalId: '7',
        description: '',
        city: 'Montréal',
        province: 'QC',
        locationType: 'hybrid',
      },
    ]);
  });

  it('skips cards without a link or a company, and reads an empty page as no postings', () => {
    const { postings, skipped } = parseListing(
      page('<li class="job"><h2>Sponsored</h2></li><li class="job"><a href="/jobs/8">No company</a></li>'),
      'https://jobs.example.com/jobs',
    );
    expect(postings).toEqual([]);
    expect(skipped).toEqual(['no job link or title', '"No company": no company']);
    expect(parseListing(page('<h1>Down for maintenance</h1>'), 'https://jobs.example.com/jobs')).toEqual({ postings: [], skipped: [] });
  });
});
