import { readFileSync } from 'node:fs';
import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { mergeDetail, type JobDraft } from '../src/job-draft.js';
import { parseDetailPage } from '../src/parse-detail.js';
import { listingCardToDraft, parseListingPage, splitLocationAndDate } from '../src/parse-listing.js';

const fixture = (p: string) => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const BASE = 'https://www.civicjobs.ca';

describe('parseDetailPage', () => {
  it('reads div.card.job-detail: heading apart, labels out, chrome dropped, full text kept', () => {
    const page = parseDetailPage(parseHtmlDocument(fixture('site/jobs/123451.html')))!;
    expect(page.heading).toBe('Engineer-in-Training - Co-op');
    expect(page.labels).toEqual({
      employer: 'City of Surrey', location: 'Surrey, BC', category: 'Engineering', closingDate: 'December 4, 2026',
    });
    expect(page.description).toMatch(/^About the Opportunity\n\nSurrey’s Engineering Department/);
    expect(page.description).toContain('- Prepare design drawings in AutoCAD Civil 3D\n- Inspect construction');
    expect(page.description).not.toMatch(/Apply Now|Save Job|Get job alerts|dataLayer|CivicInfo BC/);
    expect(page.descriptionHtml).toContain('<li>Prepare design drawings in AutoCAD Civil 3D</li>');
    expect(page.descriptionHtml).not.toMatch(/Employer:|Closing Date:|<h1|btn/);
  });

  it('cleans Word markup on a detail page', () => {
    const page = parseDetailPage(fixture('site/jobs/123458.html'))!;
    expect(page.labels).toEqual({ employer: 'Village of Pemberton', location: 'Pemberton, BC', closingDate: 'Open until filled' });
    expect(page.description).toContain('Support the Corporate Officer');
    // Word's list paragraphs become list items, without the Symbol-font bullet Word hid in a conditional.
    expect(page.description).toContain('- Two years of office experience\n- Advanced Microsoft Word and Excel');
    expect(page.description).toContain('Pemberton is a mountain community of 3,400.');
    expect(page.description).not.toMatch(/mso|o:p|st1|OfficeDocumentSettings/);
    expect(page.descriptionHtml).not.toMatch(/mso|o:p|st1|class=|·/i);
  });

  it('keeps a second "Location:" line in the prose', () => {
    const page = parseDetailPage(parseHtmlDocument(fixture('site/jobs/123462.html')))!;
    expect(page.labels.location).toBe('Kamloops, BC');
    expect(page.labels.closingDate).toBe('December 15, 2026');
    expect(page.description).toContain('Location: the Civic Operations Centre on Mission Flats Road.');
  });

  it('returns undefined for a page without the card', () => {
    expect(parseDetailPage(parseHtmlDocument(fixture('site/not-found.html')))).toBeUndefined();
  });
});

describe('mergeDetail', () => {
  const draft: JobDraft = {
    externalId: '1', originalUrl: `${BASE}/jobs?id=1`, rawTitle: 'Clerk - Town of X (Gibsons, BC)',
    labels: { employer: 'Town of X' }, description: 'Short.', descriptionHtml: '<p>Short.</p>',
  };

  it('takes the page\'s description and fills only the labels the feed lacked', () => {
    const merged = mergeDetail(draft, {
      heading: 'Clerk', labels: { employer: 'Other', closingDate: 'December 4, 2026' }, description: 'Long.', descriptionHtml: '<p>Long.</p>',
    });
    expect(merged).toMatchObject({
      rawTitle: 'Clerk - Town of X (Gibsons, BC)', description: 'Long.', descriptionHtml: '<p>Long.</p>',
      labels: { employer: 'Town of X', closingDate: 'December 4, 2026' },
    });
  });

  it('keeps the feed\'s description when the page has none', () => {
    expect(mergeDetail(draft, { labels: {}, description: '' })).toMatchObject({ description: 'Short.', descriptionHtml: '<p>Short.</p>' });
    expect(mergeDetail({ ...draft, rawTitle: '' }, { heading: 'Clerk', labels: {}, description: '' }).rawTitle).toBe('Clerk');
  });
});

describe('parseListingPage', () => {
  it('reads job cards, relative and absolute links, and the next page', () => {
    const url = 'http://127.0.0.1:9/jobs';
    const { cards, next } = parseListingPage(parseHtmlDocument(fixture('fallback-site/listing.html')), url);
    expect(next).toBe('http://127.0.0.1:9/jobs?page=2');
    expect(cards).toEqual([
      { title: 'Engineer-in-Training - Co-op', employer: 'City of Surrey', location: 'Surrey, BC', posted: 'November 20, 2026',
        href: 'http://127.0.0.1:9/jobs?id=123451', externalId: '123451' },
      { title: 'Senior Manager, Engineering', employer: 'Regional District of Nanaimo', location: 'Nanaimo, BC', posted: 'Nov 17, 2026',
        href: 'http://127.0.0.1:9/jobs?id=123454', externalId: '123454' },
      { title: 'Recreation Leader & Camp Counsellor', employer: 'District of Squamish', location: 'Squamish, BC', posted: '3 days ago',
        href: 'https://www.civicjobs.ca/jobs?id=123470&ref=list', externalId: '123470' },
    ]);
  });

  it('takes the id from the card\'s id when it has no link', () => {
    const { cards, next } = parseListingPage(parseHtmlDocument(fixture('fallback-site/listing-2.html')), 'http://127.0.0.1:9/jobs?page=2');
    expect(next).toBeUndefined();
    expect(cards[1]).toEqual({ title: 'Summer Student - Public Works', employer: 'Town of Gibsons', location: 'Gibsons, BC', posted: 'yesterday', externalId: '123471' });
    expect(listingCardToDraft(cards[1], BASE)).toEqual({
      externalId: '123471', originalUrl: `${BASE}/jobs?id=123471`, rawTitle: 'Summer Student - Public Works', bareTitle: true,
      labels: { employer: 'Town of Gibsons', location: 'Gibsons, BC' }, description: '', posted: 'yesterday',
    });
  });

  it('skips cards without a title and tolerates missing parts', () => {
    const doc = parseHtmlDocument('<div id="jobbox-1"><p class="text-muted fs-14">X</p></div><div id="jobbox-2"><a class="text-dark" href="/jobs?id=2">  Clerk </a></div>');
    expect(parseListingPage(doc, `${BASE}/jobs`).cards).toEqual([{ title: 'Clerk', href: `${BASE}/jobs?id=2`, externalId: '2' }]);
    expect(listingCardToDraft({ title: 'x' }, BASE)).toBeUndefined();
  });
});

describe('splitLocationAndDate', () => {
  it('separates the place from the posted date', () => {
    expect(splitLocationAndDate(' Surrey, BC | Posted November 20, 2026 ')).toEqual({ location: 'Surrey, BC', posted: 'November 20, 2026' });
    expect(splitLocationAndDate('Posted on: 2026-11-13 · Gatineau, QC')).toEqual({ location: 'Gatineau, QC', posted: '2026-11-13' });
    expect(splitLocationAndDate('Remote')).toEqual({ location: 'Remote' });
    expect(splitLocationAndDate('')).toEqual({});
  });
});
