/**
 * The site as a crawler or curl sees it, without a browser: the job page's head (title, description,
 * canonical, Open Graph, JobPosting JSON-LD) is in the HTML the server returns, for a crawled job, an
 * employer's job and a remote one; an archived job says so and has no JobPosting; the sitemap lists
 * active jobs; the site's security headers; the SPA's routes and assets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSiteBuilt } from '../../src/site/build-site.js';
import { SITE_CSP } from '../../src/site/site-headers.js';
import { readSearch, SEARCH_PAGE_SIZE, writeSearch } from '../../site/src/search-state.js';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from '../jobs/seed-jobs.js';

const t = useTestApp();
const ids: Record<string, string> = {};
const PUBLIC = 'http://localhost:8000';

beforeAll(async () => {
  await ensureSiteBuilt();
  const crawled = await seedSource(t.app, { name: 'Civic Jobs', pluginId: 'civicjobs' });
  const [crawledJob, remoteJob, archived] = await seedJobs(t.app, crawled, [
    posting({ title: 'Water Resources Co-op', companyName: 'City of Ottawa', city: 'Ottawa', province: 'ON', jobType: 'coop', term: 'summer',
      description: 'Help the water team model floods.\n\nYou will use <GIS> & Python. </script><script>alert(1)</script>',
      datePosted: '2026-11-20T00:00:00Z', applicationDeadline: '2027-01-15T23:59:00Z', salaryMin: 22, salaryMax: 26, salaryPeriod: 'hour', externalId: 'OTT-1234' }),
    posting({ title: 'Junior Data Analyst', companyName: 'Numbers Ltd', locationType: 'remote', city: undefined, province: undefined, jobType: 'new_grad',
      description: 'Analyse data from anywhere in Canada.', datePosted: '2026-11-25T00:00:00Z' }),
    posting({ title: 'Old Lab Intern', companyName: 'Gone Inc', jobType: 'internship', description: 'Filled.' }),
  ]);
  Object.assign(ids, { crawled: crawledJob, remote: remoteJob, archived });
  await sql(t.app, "update jobs set is_active = false, archived_at = now(), archive_reason = 'no longer listed' where id = ?", [archived]);
  const employer = await createUserSession(t.app, 'employer');
  const posted = await t.app.inject({
    method: 'POST', url: '/api/v1/jobs', headers: employer.headers,
    payload: { title: 'Marketing Intern', companyName: 'Brand Co', description: 'Plan launches with our team in Montréal.', city: 'Montréal', province: 'QC', jobType: 'internship', originalUrl: 'https://brand.example/jobs/1' },
  });
  expect(posted.statusCode, posted.body).toBe(201);
  ids.employer = posted.json().id;
}, 180_000);

async function page(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { res, html: res.body };
}

/** The JSON-LD blocks of a page, parsed (the way a crawler reads them). */
function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}
const meta = (html: string, attr: 'name' | 'property', key: string) => new RegExp(`<meta ${attr}="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];

/** Google's required properties, and the recommended ones we can know. */
function expectGoogleJobPosting(ld: Record<string, any>) {
  expect(ld['@context']).toBe('https://schema.org/');
  expect(ld['@type']).toBe('JobPosting');
  for (const key of ['title', 'description', 'datePosted', 'hiringOrganization', 'validThrough', 'employmentType', 'identifier'] as const) {
    if (key === 'validThrough' && ld.validThrough === undefined) continue; // recommended only when there is a deadline
    expect(ld[key], key).toBeTruthy();
  }
  expect(ld.hiringOrganization['@type']).toBe('Organization');
  expect(Number.isNaN(Date.parse(ld.datePosted))).toBe(false);
  // Required: a place, or for remote work the countries applicants may live in.
  expect(ld.jobLocation ?? ld.applicantLocationRequirements).toBeTruthy();
}

describe('a job page fetched without a browser', () => {
  it('carries the crawled job\'s head and a complete JobPosting before any script', async () => {
    const { res, html } = await page(`/jobs/${ids.crawled}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(html).toMatch(/<html lang="en-CA"/);
    expect(html).toContain('<title>Water Resources Co-op — City of Ottawa (Ottawa, ON) | Pathfinder</title>');
    expect(meta(html, 'name', 'description')).toMatch(/^Help the water team model floods\./);
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC}/jobs/${ids.crawled}">`);
    expect(meta(html, 'property', 'og:title')).toContain('Water Resources Co-op');
    expect(meta(html, 'property', 'og:url')).toBe(`${PUBLIC}/jobs/${ids.crawled}`);
    expect(meta(html, 'property', 'og:type')).toBe('article');
    // The JSON-LD comes before the app's script tag.
    expect(html.indexOf('application/ld+json')).toBeLessThan(html.indexOf('<script type="module"'));
    const [ld, ...more] = jsonLd(html);
    expect(more).toEqual([]);
    expectGoogleJobPosting(ld!);
    expect(ld).toMatchObject({
      title: 'Water Resources Co-op',
      employmentType: 'INTERN',
      datePosted: '2026-11-20T00:00:00.000Z',
      validThrough: '2027-01-15T23:59:00.000Z',
      hiringOrganization: { '@type': 'Organization', name: 'City of Ottawa' },
      identifier: { '@type': 'PropertyValue', name: 'Civic Jobs', value: 'OTT-1234' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Ottawa', addressRegion: 'ON', addressCountry: 'CA' } },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'CAD', value: { '@type': 'QuantitativeValue', minValue: 22, maxValue: 26, unitText: 'HOUR' } },
    });
    expect(ld!.jobLocationType).toBeUndefined();
    // A description cannot end the JSON-LD block early.
    expect(html).not.toContain('</script><script>alert(1)');
    expect(ld!.description).toContain('</script><script>alert(1)</script>'.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('describes an employer\'s job with its organisation and place, and no salary it does not know', async () => {
    const { res, html } = await page(`/jobs/${ids.employer}`);
    expect(res.statusCode).toBe(200);
    const [ld] = jsonLd(html);
    expectGoogleJobPosting(ld!);
    expect(ld).toMatchObject({
      title: 'Marketing Intern', employmentType: 'INTERN', hiringOrganization: { name: 'Brand Co' },
      jobLocation: { address: { addressLocality: 'Montréal', addressRegion: 'QC', addressCountry: 'CA' } },
    });
    expect(ld!.baseSalary).toBeUndefined();
    expect(ld!.validThrough).toBeUndefined();
  });

  it('marks a remote job TELECOMMUTE for applicants in Canada', async () => {
    const { html } = await page(`/jobs/${ids.remote}`);
    const [ld] = jsonLd(html);
    expectGoogleJobPosting(ld!);
    expect(ld).toMatchObject({ employmentType: 'FULL_TIME', jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country', name: 'Canada' } });
    expect(ld!.jobLocation).toBeUndefined();
  });

  it('says an archived job is closed, carries no JobPosting and asks not to be indexed', async () => {
    const { res, html } = await page(`/jobs/${ids.archived}`);
    expect(res.statusCode).toBe(200);
    expect(jsonLd(html)).toEqual([]);
    expect(meta(html, 'name', 'description')).toMatch(/^This job is no longer accepting applications\./);
    expect(meta(html, 'name', 'robots')).toBe('noindex, follow');
  });

  it('answers an unknown or malformed id with a 404 page, and French with the language cookie', async () => {
    for (const id of ['nosuchjob', '%3Cscript%3E', 'x'.repeat(80)]) {
      const { res, html } = await page(`/jobs/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(html).toContain('<title>Job not found — Pathfinder</title>');
    }
    const { html } = await page(`/jobs/${ids.archived}`, { cookie: 'pf_lang=fr-CA' });
    expect(html).toMatch(/<html lang="fr-CA"/);
    expect(meta(html, 'name', 'description')).toMatch(/^Cette offre n’accepte plus de candidatures\./);
    expect(meta(html, 'property', 'og:locale')).toBe('fr_CA');
  });
});

describe('the site\'s other responses', () => {
  it('serves the app at its routes with its own security headers, and the API stays JSON', async () => {
    for (const url of ['/', '/sign-in', '/register', '/dashboard', '/dashboard/alerts/new?q=x', '/reset-password?token=abc', `/jobs/${ids.crawled}`]) {
      const { res, html } = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(html, url).toMatch(/<script type="module" crossorigin src="\/assets\/[\w-]+\.js"><\/script>/);
      expect(res.headers['content-security-policy'], url).toBe(SITE_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    // No inline script: every <script> is external or JSON-LD data.
    const { html } = await page(`/jobs/${ids.crawled}`);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.every((attrs) => /src="/.test(attrs) || /type="application\/ld\+json"/.test(attrs))).toBe(true);
    expect(SITE_CSP).toContain("script-src 'self'");
    expect(SITE_CSP).not.toContain('unsafe-inline');
    const api = await t.app.inject('/api/v1/jobs?limit=1');
    expect(api.headers['content-type']).toMatch(/application\/json/);
    // The API keeps its own policy (it loads nothing), not the site's.
    expect(api.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    expect((await t.app.inject('/nope')).json()).toMatchObject({ statusCode: 404, code: 'PF_ERR_NOT_FOUND' });
  });

  it('serves the hashed assets for a year, and nothing outside the build', async () => {
    const { html } = await page('/');
    const js = /src="(\/assets\/[\w-]+\.js)"/.exec(html)![1]!;
    const res = await t.app.inject(js);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await t.app.inject('/assets/../build-hash.txt')).statusCode).toBe(404);
    expect((await t.app.inject('/assets/nope.js')).statusCode).toBe(404);
  });

  it('lists active job pages in /sitemap.xml and points crawlers to it from /robots.txt', async () => {
    const sitemap = await t.app.inject('/sitemap.xml');
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.headers['content-type']).toMatch(/application\/xml/);
    const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain(`${PUBLIC}/`);
    for (const key of ['crawled', 'remote', 'employer']) expect(locs).toContain(`${PUBLIC}/jobs/${ids[key]}`);
    expect(locs).not.toContain(`${PUBLIC}/jobs/${ids.archived}`);
    const robots = await t.app.inject('/robots.txt');
    expect(robots.body).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    expect(robots.body).toMatch(/^Disallow: \/api\/$/m);
  });
});

describe('the first API request, preloaded by the HTML', () => {
  it('names the search the page will make (as the site spells it) and the job the page will load', async () => {
    const home = await page(`/?${new URLSearchParams([['province', 'ON'], ['q', '  data  '], ['jobType', 'coop'], ['withPay', 'true'], ['sort', 'bogus'], ['utm_source', 'x']])}`);
    const href = /<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/.exec(home.html)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBe('/api/v1/jobs?q=data&jobType=coop&province=ON&withPay=true&limit=20');
    // The site's own search state spells the same query (server/site/src/search-state.ts).
    const params = new URLSearchParams(href!.split('?')[1]);
    params.delete('limit');
    expect(`/api/v1/jobs?${writeSearch(readSearch(params))}&limit=${SEARCH_PAGE_SIZE}`).toBe(href);
    const answer = await t.app.inject(href!);
    expect(answer.statusCode).toBe(200);
    expect((await page('/')).html).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/v1/jobs?limit=20">');
    expect((await page(`/jobs/${ids.crawled}`)).html).toContain(`<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/v1/jobs/${ids.crawled}">`);
    expect((await page('/register')).html).not.toContain('rel="preload" as="fetch"');
  });
});
