import { readFileSync } from 'node:fs';
import { parseFeed } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { buildPosting } from '../src/build-posting.js';
import { jobIdFromLink, jobUrl, linkUrl } from '../src/job-url.js';
import { feedItemToDraft } from '../src/parse-feed-item.js';

const BASE = 'https://www.civicjobs.ca';
const NOW = new Date('2026-11-21T12:00:00Z');
const rss = readFileSync(new URL('./fixtures/site/rss.xml', import.meta.url), 'utf8');

describe('job links', () => {
  it('reads the id query parameter of absolute, relative and escaped links', () => {
    expect(jobIdFromLink('https://www.civicjobs.ca/jobs?id=123456')).toBe('123456');
    expect(jobIdFromLink('http://civicjobs.ca/jobs?ref=rss&amp;id=98765')).toBe('98765');
    expect(jobIdFromLink(' /jobs?id=123462&utm_source=rss ')).toBe('123462');
    expect(jobIdFromLink('/jobs?page=2')).toBeUndefined();
    expect(jobIdFromLink('/jobs?id=<script>')).toBeUndefined();
    expect(jobIdFromLink(undefined)).toBeUndefined();
    expect(jobIdFromLink('http://[bad')).toBeUndefined();
  });

  it('builds canonical URLs on the base URL and keeps id-less links as the site wrote them', () => {
    expect(jobUrl('http://127.0.0.1:4000/', '123456')).toBe('http://127.0.0.1:4000/jobs?id=123456');
    expect(linkUrl('http://www.civicjobs.ca/careers/x?y=1&amp;z=2#top', BASE)).toBe('http://www.civicjobs.ca/careers/x?y=1&z=2');
    expect(linkUrl('/careers/x', 'https://www.civicjobs.ca/rss')).toBe('https://www.civicjobs.ca/careers/x');
    expect(linkUrl('mailto:hr@example.ca', BASE)).toBeUndefined();
  });
});

describe('feedItemToDraft + buildPosting on the malformed fixture feed', () => {
  const items = parseFeed(rss).items;
  const byId = new Map<string | undefined, (typeof items)[number]>();
  for (const i of items) {
    const id = feedItemToDraft(i, BASE)?.externalId;
    if (!byId.has(id)) byId.set(id, i); // the feed repeats 123451 at the end: keep the first
  }
  const post = (id: string) => {
    const draft = feedItemToDraft(byId.get(id)!, BASE)!;
    const built = buildPosting(draft, NOW);
    if (!built.ok) throw new Error(built.reason);
    return built.posting;
  };

  it('keeps every item despite the unescaped & and the control character', () => {
    expect(items).toHaveLength(14);
    expect(post('123460')).toMatchObject({
      title: 'Parks & Recreation Programmer', companyName: 'City of Prince George', city: 'Prince George', province: 'BC',
    });
    expect(post('123460').description).toBe('Plan the City\'s youth programs & summer camps, and run the café at the aquatic centre.');
    expect(post('123458').description).toBe('Support the Corporate Officer with agendas, minutes and records management.');
  });

  it('splits titles on the last " - " and takes the labelled lines', () => {
    expect(post('123451')).toMatchObject({
      title: 'Engineer-in-Training - Co-op', companyName: 'City of Surrey', city: 'Surrey', province: 'BC',
      externalId: '123451', originalUrl: `${BASE}/jobs?id=123451`,
      applicationDeadline: '2026-12-05T07:59:59.000Z', datePosted: '2026-11-20T17:15:00.000Z',
    });
    expect(post('123451').description).toMatch(/^Surrey's Engineering Department/);
    expect(post('123463')).toMatchObject({ title: 'Deputy Corporate Officer', companyName: 'Regional District of Kootenay - Boundary' });
  });

  it('decodes entity-escaped descriptions and titles with HTML entities', () => {
    expect(post('123452')).toMatchObject({
      title: 'Planning Intern', companyName: 'Town of Canmore', province: 'AB',
      applicationDeadline: '2026-12-12T06:59:59.000Z', originalUrl: `${BASE}/jobs?id=123452`,
    });
    expect(post('123452').description).toContain('Planning & Development department, working on the Town\'s housing');
    expect(post('123459')).toMatchObject({ title: 'Technicien(ne) en génie civil', companyName: 'Ville de Gatineau', province: 'QC' });
    expect(post('123459').description).toContain('Poste régulier, bilinguisme requis — débutants bienvenus.');
  });

  it('sets remote/hybrid only when the location says so, and reads dates in the right zone', () => {
    expect(post('123455')).toMatchObject({ locationType: 'remote', applicationDeadline: '2026-12-19T04:59:59.000Z' });
    expect(post('123455').province).toBeUndefined();
    expect(post('123456')).toMatchObject({ locationType: 'hybrid', city: 'Ottawa', province: 'ON' });
    expect(post('123451').locationType).toBeUndefined();
  });

  it('leaves the deadline unset for "Open until filled" and tolerates a relative id-only link', () => {
    expect(post('123458').applicationDeadline).toBeUndefined();
    expect(post('123462')).toMatchObject({ title: 'Utility Worker I', companyName: 'City of Kamloops', city: 'Kamloops' });
    expect(post('123462').datePosted).toBeUndefined();
  });

  it('drops an item with neither id nor link, and reports one without an employer', () => {
    expect(feedItemToDraft({ title: 'x', link: '', description: '', categories: [] }, BASE)).toBeUndefined();
    const draft = feedItemToDraft({ title: 'Clerk (Victoria, BC)', link: '/jobs?id=5', description: '', categories: [] }, BASE)!;
    expect(buildPosting(draft, NOW)).toEqual({ ok: false, reason: 'no employer in "Clerk (Victoria, BC)"' });
  });
});
