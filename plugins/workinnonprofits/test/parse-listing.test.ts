import { parseDate, parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { closingToIso, parseListingPage } from '../src/parse-listing.js';
import { parseRegionLinks } from '../src/parse-search.js';

const NOW = new Date('2026-03-10T14:00:00Z');
const page = (body: string) => parseHtmlDocument(`<!DOCTYPE html><html><body>${body}</body></html>`);
const card = (id: string, inner: string) => `<div id="${id}" class="job_item card"><div class="card-body">${inner}</div></div>`;

describe('parseListingPage: cards', () => {
  it('prefers the E link whatever the order, and keeps its title', () => {
    const doc = page(card('1', `<span class="lj_title"><a href="/jobs/view/1/F/agent">Agent</a> / <a href="/jobs/view/1/E/officer">Officer</a></span>`));
    const [c] = parseListingPage(doc, { now: NOW }).cards;
    expect(c.link).toEqual({ section: 'jobs', id: '1', language: 'E', slug: 'officer' });
    expect(c.title).toBe('Officer');
  });

  it('counts a job listed twice (once per language) once, keeping the English card', () => {
    const doc = page(
      card('7', `<span class="lj_title"><a href="/jobs/view/7/F/x">Français</a></span><span class="lj_org">Org FR</span>`) +
        card('8', `<span class="lj_title"><a href="/jobs/view/8/E/y">Other</a></span>`) +
        card('7', `<span class="lj_title"><a href="/jobs/view/7/E/x">English</a></span><span class="lj_org">Org EN</span>`) +
        card('7', `<span class="lj_title"><a href="/jobs/view/7/F/x">Français encore</a></span>`),
    );
    const { cards } = parseListingPage(doc, { now: NOW });
    expect(cards.map((c) => [c.link.id, c.link.language, c.title, c.companyName])).toEqual([
      ['7', 'E', 'English', 'Org EN'],
      ['8', 'E', 'Other', undefined],
    ]);
  });

  it('skips cards without a job link and survives empty spans, entities and whitespace', () => {
    const doc = page(
      card('1', '<span class="lj_title">No link here</span>') +
        card('2', `<span class="lj_title">\n  <a href="  https://workinnonprofits.ca/jobs/view/2/E/a-b  ">  Caf&eacute; &amp; Co\n Lead </a></span>
          <span class="lj_org"> Org&#8217;s   name </span><span class="lj_loc"></span><span class="lj_date"></span>`),
    );
    const { cards } = parseListingPage(doc, { now: NOW });
    expect(cards).toEqual([
      { link: { section: 'jobs', id: '2', language: 'E', slug: 'a-b' }, title: 'Café & Co Lead', companyName: 'Org’s name' },
    ]);
  });

  it('takes the fuller location from a .winp_tooltip title', () => {
    const doc = page(
      card('3', `<span class="lj_title"><a href="/jobs/view/3/E/x">X</a></span>
        <span class="lj_loc"><span class="winp_tooltip" title=" Dartmouth,  Nova Scotia ">Dartmouth...</span></span>`) +
        card('4', `<span class="lj_title"><a href="/jobs/view/4/E/y">Y</a></span><span class="lj_loc"> Sydney </span>`),
    );
    expect(parseListingPage(doc, { now: NOW }).cards.map((c) => c.location)).toEqual(['Dartmouth, Nova Scotia', 'Sydney']);
  });

  it('reads the work-mode line, not words inside the title', () => {
    const doc = page(
      card('5', `<span class="lj_title"><a href="/jobs/view/5/E/x"><b>Remote</b> Systems Lead</a></span><br><b>On Site</b> | Full Time`) +
        card('6', `<span class="lj_title"><a href="/jobs/view/6/E/y">Y</a></span><br><b>Work From Home</b> | Full Time`) +
        card('9', `<span class="lj_title"><a href="/jobs/view/9/E/z">Z</a></span><br><strong>Hybrid</strong> | Part Time`) +
        card('10', `<span class="lj_title"><a href="/jobs/view/10/E/w">W</a></span><br><b>Full Time</b>`),
    );
    expect(parseListingPage(doc, { now: NOW }).cards.map((c) => c.locationType)).toEqual(['onsite', 'remote', 'hybrid', undefined]);
  });

  it('reads volunteer cards as the volunteer section', () => {
    const doc = page(card('4521', `<span class="lj_title"><a href="/volunteer-jobs/view/4521/E/t">T</a></span>`));
    expect(parseListingPage(doc, { now: NOW }).cards[0].link.section).toBe('volunteer-jobs');
  });

  it('finds a card whose wrapper class changed', () => {
    const doc = page(`<div class="job_list">
      <article class="posting"><span class="lj_title"><a href="/jobs/view/11/E/a">A</a></span><span class="lj_org">Org A</span></article>
      <article class="posting"><span class="lj_title"><a href="/jobs/view/12/E/b">B</a></span><span class="lj_org">Org B</span></article>
    </div>`);
    expect(parseListingPage(doc, { now: NOW }).cards.map((c) => [c.link.id, c.companyName])).toEqual([['11', 'Org A'], ['12', 'Org B']]);
  });

  it('finds nothing on a page without cards', () => {
    expect(parseListingPage(page('<p>There are currently no jobs.</p>'), { now: NOW })).toEqual({ cards: [] });
  });
});

describe('parseListingPage: pagination', () => {
  const nav = (items: string) => page(`<ul class="pagination">${items}</ul>`);
  it('follows the next_job_page link', () => {
    expect(parseListingPage(nav('<li class="page-item"><a class="page-link next_job_page" href="?page=2">Next</a></li>'), { now: NOW }).nextPage).toBe(2);
    expect(
      parseListingPage(nav('<li class="page-item"><a class="page-link next_job_page" href="/jobs/list-by/region/9/nova-scotia?page=3">»</a></li>'), { now: NOW }).nextPage,
    ).toBe(3);
  });

  it('stops on the last page: disabled item, with or without an anchor, or no link at all', () => {
    for (const items of [
      '<li class="page-item disabled"><span class="page-link">Next</span></li>',
      '<li class="page-item disabled"><a class="page-link next_job_page" href="?page=4">Next</a></li>',
      '<li class="page-item"><a class="page-link next_job_page" href="#">Next</a></li>',
      '<li class="page-item active"><a class="page-link" href="?page=2">2</a></li>',
    ]) {
      expect(parseListingPage(nav(items), { now: NOW }).nextPage, items).toBeUndefined();
    }
  });
});

describe('closingToIso', () => {
  const day = (n: number) => parseDate(`in ${n} days`, { now: NOW });
  it('resolves the English and French closing phrases against now', () => {
    expect(closingToIso('closes in 12 days', NOW)).toBe('2026-03-22T04:00:00.000Z');
    expect(closingToIso('  Closes in 1 day ', NOW)).toBe(day(1));
    expect(closingToIso('closes today', NOW)).toBe(day(0));
    expect(closingToIso('closes tomorrow', NOW)).toBe(day(1));
    expect(closingToIso('ferme dans 21 jours', NOW)).toBe(day(21));
    expect(closingToIso('Ferme aujourd’hui', NOW)).toBe(day(0));
    expect(closingToIso('ferme demain', NOW)).toBe(day(1));
    expect(closingToIso('Posted 3 days ago · closes in 5 days', NOW)).toBe(day(5));
  });

  it('gives undefined for anything else', () => {
    for (const s of ['', 'closed', 'Open until filled', 'closes soon']) expect(closingToIso(s, NOW), s).toBeUndefined();
  });

  it('follows the clock: the same text a week later is a week later', () => {
    const later = new Date('2026-03-17T14:00:00Z');
    expect(closingToIso('closes in 12 days', later)).toBe('2026-03-29T04:00:00.000Z');
  });
});

describe('parseRegionLinks', () => {
  it('lists each region of the section once, ignoring the other section and other links', () => {
    const doc = page(`
      <a href="/jobs/list-by/region/9/nova-scotia">NS</a>
      <a href="/volunteer-jobs/list-by/region/9/nova-scotia">NS volunteer</a>
      <a href="https://workinnonprofits.ca/jobs/list-by/region/6/ontario?page=2">ON</a>
      <a href="/jobs/list-by/region/9/nova-scotia">NS again</a>
      <a href="/jobs/list-by/category/3/arts">Arts</a>
      <a>no href</a>`);
    expect(parseRegionLinks(doc, 'jobs')).toEqual([
      { section: 'jobs', id: 9, slug: 'nova-scotia' },
      { section: 'jobs', id: 6, slug: 'ontario' },
    ]);
    expect(parseRegionLinks(doc, 'volunteer-jobs')).toEqual([{ section: 'volunteer-jobs', id: 9, slug: 'nova-scotia' }]);
  });
});
