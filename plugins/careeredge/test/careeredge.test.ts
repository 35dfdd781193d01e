import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, FatalSourceError, RetryableError, resolveConfig, type JobPosting } from '@pathfinder/sdk';
import {
  assertSourceContract,
  runSource,
  serveFixtures,
  type FixtureRoute,
  type FixtureServer,
  type RunSourceResult,
} from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import source from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const SITE = join(here, 'fixtures', 'site');
const GOLDEN = join(here, 'fixtures', 'golden.json');
const NOW = '2026-04-15T12:00:00Z';

let server: FixtureServer;
let run: RunSourceResult;

beforeAll(async () => {
  server = await serveFixtures(SITE);
  run = await runSource(source, { baseUrl: server.origin, now: NOW });
});
afterAll(async () => {
  await server?.close();
});

function byId(id: string): JobPosting {
  const p = run.postings.find((x) => x.externalId === id);
  if (!p) throw new Error(`no posting with externalId ${id}; got ${run.postings.map((x) => x.externalId).join(', ')}`);
  return p;
}

function paths(r: RunSourceResult): string[] {
  return r.requests.map((x) => new URL(x.url).pathname);
}

describe('careeredge through the SDK test kit', () => {
  it('honours the source contract and matches the golden file', async () => {
    const result = await assertSourceContract(source, { baseUrl: server.origin, now: NOW, golden: GOLDEN, minPostings: 8 });
    expect(result.postings).toHaveLength(8);
  });

  it('declares the manifest the brief asks for', () => {
    expect(source).toMatchObject({
      id: 'careeredge',
      name: 'Career Edge',
      baseUrl: 'https://www.careeredge.ca',
      crawlDelaySeconds: 5,
      disallowedPaths: ['/wp-admin', '/wp-login.php'],
      schedule: '0 */6 * * *',
      sdk: '^1.1.0',
      version: '1.0.0',
    });
  });
});

describe('what a run yields', () => {
  it('runs cleanly: no error, no invalid posting; the back-office link is refused by the fetcher, never sent', () => {
    expect(run.error).toBeUndefined();
    expect(run.invalid).toEqual([]);
    // The manifest's disallowedPaths are the fetcher's to enforce: it refuses before any I/O.
    expect(run.blocked).toEqual([{ url: `${server.origin}/wp-admin/job/draft-preview/`, reason: 'manifest' }]);
    expect(server.requests.map((r) => r.url)).not.toContain('/wp-admin/job/draft-preview/');
  });

  it('marks every role a paid internship and links it where the sitemap names it (the site, or the mirror naming itself)', () => {
    for (const p of run.postings) {
      expect(p).toMatchObject({ jobType: 'internship', withPay: true });
      expect([source.baseUrl, server.origin]).toContain(new URL(p.originalUrl).origin);
    }
    // Listed first as https://www.careeredge.ca/…: fetched from the fixture server through the kit's origin map.
    expect(byId('CE-24017').originalUrl).toBe('https://www.careeredge.ca/job/junior-data-analyst/');
    expect(byId('CB-3391').originalUrl).toBe(`${server.origin}/internship/software-developer-intern/`);
  });

  it('uses the JSON-LD identifier when there is one, the slug otherwise', () => {
    expect(run.postings.map((p) => p.externalId).sort()).toEqual([
      'CAF-0142',
      'CB-3391',
      'CE-24017',
      'CE-24102',
      'communications-intern',
      'environmental-research-assistant',
      'hr-payroll-assistant',
      'marketing-coordinator-ability-edge',
    ]);
  });

  it('reads a single JSON-LD object with location, salary and Toronto-local dates', () => {
    expect(byId('CE-24017')).toMatchObject({
      title: 'Junior Data Analyst',
      companyName: 'Lakeshore Mutual Insurance',
      city: 'Toronto',
      province: 'ON',
      salaryMin: 22,
      salaryMax: 24.5,
      salaryPeriod: 'hour',
      datePosted: '2026-03-02T05:00:00.000Z', // midnight in Toronto (EST)
      applicationDeadline: '2026-05-01T03:59:00.000Z',
    });
  });

  it('reads a JSON-LD array and a French province name', () => {
    expect(byId('marketing-coordinator-ability-edge')).toMatchObject({
      title: 'Marketing Coordinator (Ability Edge)',
      companyName: 'Maison Boréale Design',
      city: 'Montréal',
      province: 'QC',
      salaryMin: 45000,
      salaryPeriod: 'year',
    });
    expect(byId('hr-payroll-assistant')).toMatchObject({ city: 'Halifax', province: 'NS' });
  });

  it('reads a Yoast @graph and a remote (TELECOMMUTE) role without a place', () => {
    const p = byId('CB-3391');
    expect(p).toMatchObject({ title: 'Software Developer Intern – Career Bridge', locationType: 'remote', salaryMin: 26 });
    expect(p.city).toBeUndefined();
    expect(p.province).toBeUndefined();
  });

  it('still yields the senior role (the pipeline drops it)', () => {
    expect(byId('CE-24102')).toMatchObject({ title: 'Senior Manager, Finance Operations', city: 'Calgary', province: 'AB' });
  });

  it('decodes a double-escaped JSON-LD description into text and sanitised HTML', () => {
    const p = byId('CAF-0142');
    expect(p.title).toBe('Policy Analyst – CAF Transition Internship');
    expect(p.description).toContain('- Research & brief on defence procurement files');
    expect(p.description).not.toMatch(/&lt;|&amp;|<p>/);
    expect(p.descriptionHtml).toContain('<li>Research &amp; brief on defence procurement files</li>');
  });

  it('skips a broken JSON-LD block next to a good one, decodes the title and takes the date from the meta tag', () => {
    expect(byId('hr-payroll-assistant')).toMatchObject({
      title: 'HR & Payroll Assistant',
      companyName: 'Atlantic Harbour Authority',
      datePosted: '2026-02-20T14:30:00.000Z',
    });
  });

  it('leaves datePosted unset when neither the JSON-LD nor the page states it, and drops Word markup', () => {
    const p = byId('environmental-research-assistant');
    expect(p.title).toBe('Environmental Research Assistant');
    expect(p.datePosted).toBeUndefined();
    expect(p.city).toBe('Vancouver');
    expect(p.province).toBe('BC');
    expect(`${p.description} ${p.descriptionHtml}`).not.toMatch(/mso|o:p|MsoNormal|OfficeDocumentSettings/);
  });

  it('falls back to the markup on a page without JSON-LD (Word markup, labelled lines)', () => {
    const p = byId('communications-intern');
    expect(p).toMatchObject({
      title: 'Communications Intern – Ability Edge',
      companyName: 'Prairie Arts Council',
      city: 'Winnipeg',
      province: 'MB',
      salaryMin: 21.5,
      salaryPeriod: 'hour',
      applicationDeadline: '2026-05-15T04:00:00.000Z',
      datePosted: '2026-04-08T14:05:00.000Z',
    });
    expect(p.description).toContain('- Strong writing in English');
    expect(`${p.description} ${p.descriptionHtml}`).not.toMatch(/·|mso|o:p|st1:|MsoNormal|supportLists|Career Edge Organization, Toronto/);
  });

  it('keeps the program name the page states', () => {
    expect(byId('CE-24017').description).toContain('Career Edge');
    expect(byId('marketing-coordinator-ability-edge').description).toContain('Ability Edge');
    expect(byId('CB-3391').description).toContain('Career Bridge');
    expect(byId('CAF-0142').description).toContain('(CAF)');
  });
});

describe('what a run requests', () => {
  it('reads robots.txt, the index and the job/internship sitemaps only', () => {
    const p = paths(run);
    expect(p.slice(0, 4)).toEqual(['/robots.txt', '/sitemap.xml', '/job-sitemap.xml', '/internship-sitemap.xml']);
    for (const skipped of ['/post-sitemap.xml', '/page-sitemap.xml', '/category-sitemap.xml']) expect(p).not.toContain(skipped);
  });

  it('never fetches non-posting pages, back-office links or foreign hosts, and fetches a cross-listed posting once', () => {
    const p = paths(run);
    for (const skipped of ['/jobs/', '/job-category/technology/', '/job-seekers/', '/wp-admin/job/draft-preview/']) {
      expect(p).not.toContain(skipped);
    }
    expect(p.filter((x) => x === '/job/junior-data-analyst/')).toHaveLength(1);
    expect(new Set(run.requests.map((r) => new URL(r.url).origin))).toEqual(new Set([server.origin]));
  });

  it('logs and skips a posting page that answers 404', () => {
    expect(paths(run)).toContain('/job/filled-role-removed/');
    expect(run.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'Posting page gone or refused, skipped', data: { url: 'https://www.careeredge.ca/job/filled-role-removed/' } }),
    );
  });
});

describe('configuration', () => {
  it('has schema defaults equal to DEFAULT_CONFIG, and rejects bad values naming the field', () => {
    expect(resolveConfig(source, {})).toEqual(DEFAULT_CONFIG);
    expect(resolveConfig(source, { maxPages: 5 })).toEqual({ ...DEFAULT_CONFIG, maxPages: 5 });
    expect(() => resolveConfig(source, { maxPages: 0 })).toThrow(/maxPages/);
    expect(() => resolveConfig(source, { sitemapPath: 'sitemap.xml' })).toThrow(/sitemapPath/);
    expect(() => resolveConfig(source, { sitemapPath: '/sitemap.xml', extra: true })).toThrow(ConfigError);
  });

  it('reads a plain urlset directly', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { sitemapPath: '/internship-sitemap.xml' } });
    expect(r.error).toBeUndefined();
    expect(r.postings.map((p) => p.externalId)).toEqual(['CB-3391', 'communications-intern', 'CE-24017']);
  });

  it('follows only the child sitemaps childSitemapPattern names', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { childSitemapPattern: '^/intern' } });
    expect(paths(r)).not.toContain('/job-sitemap.xml');
    expect(r.postings).toHaveLength(3);
  });

  it('keeps only URLs jobUrlPattern matches', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { jobUrlPattern: '/internship/[^/]+/?$' } });
    expect(r.postings.map((p) => p.externalId)).toEqual(['CB-3391', 'communications-intern']);
  });

  it('stops after maxPages posting pages', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxPages: 2 } });
    expect(r.postings).toHaveLength(2);
    expect(paths(r).filter((x) => /^\/(job|internship)\//.test(x))).toHaveLength(2);
    // Told to the engine, which then archives none of the postings not read.
    expect(r.incomplete).toEqual(['read 2 posting pages (maxPages); more were listed']);
    expect(run.incomplete).toEqual([]);
  });

  it('yields a posting reposted under a second slug once, and skips a page it cannot parse', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { sitemapPath: '/sitemap-edge-cases.xml' } });
    expect(r.error).toBeUndefined();
    expect(paths(r)).toContain('/job/junior-data-analyst-repost/');
    expect(paths(r)).toContain('/job/app-shell-posting/');
    expect(r.postings.map((p) => p.externalId)).toEqual(['CE-24017', 'communications-intern']);
    expect(r.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'Posting page not parsed, skipped', data: expect.objectContaining({ url: 'https://www.careeredge.ca/job/app-shell-posting/' }) }),
    );
  });

  it('rejects a broken regex with a ConfigError naming the field', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { jobUrlPattern: '/(job|internship/' } });
    expect(r.error).toBeInstanceOf(ConfigError);
    expect((r.error as ConfigError).message).toContain('jobUrlPattern');
    expect(r.requests).toHaveLength(0);
  });
});

describe('failures that must not pass for an empty board', () => {
  it('fails (fatal) when the sitemap is missing', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { sitemapPath: '/no-such-sitemap.xml' } });
    expect(r.error).toBeInstanceOf(FatalSourceError);
    expect((r.error as FatalSourceError).code).toBe('PF_ERR_SOURCE_FATAL');
    expect(r.postings).toEqual([]);
  });

  it('fails (fatal) when the index lists no matching child sitemap', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { childSitemapPattern: 'careers' } });
    expect(r.error).toBeInstanceOf(FatalSourceError);
    expect(String((r.error as Error).message)).toContain('careers');
  });

  it('fails (retryable) when a listed child sitemap does not answer', async () => {
    const routes = JSON.parse(await readFile(join(SITE, 'routes.json'), 'utf8')) as FixtureRoute[];
    const broken = await serveFixtures(SITE, {
      routes: [{ path: '/internship-sitemap.xml', file: 'internship-sitemap.xml', status: 404 }, ...routes],
    });
    try {
      const r = await runSource(source, { baseUrl: broken.origin, now: NOW });
      expect(r.error).toBeInstanceOf(RetryableError);
      expect((r.error as RetryableError).status).toBe(404);
    } finally {
      await broken.close();
    }
  });
});

describe('incremental re-crawls (SDK 1.1: the sitemap\'s lastmod, ctx.isFresh, ctx.stillListed, conditional pages)', () => {
  const routes = async () => JSON.parse(await readFile(join(SITE, 'routes.json'), 'utf8')) as FixtureRoute[];
  const xml = 'application/xml; charset=UTF-8';
  const DAY = 86_400_000;
  const postingPaths = (r: RunSourceResult) => paths(r).filter((x) => /^\/(job|internship)\//.test(x));

  it('reads robots.txt and the sitemap index only when nothing changed, and reports every posting still listed', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(first.postings).toHaveLength(8);
    const again = await runSource(source, { baseUrl: server.origin, previous: first, state: first.state });
    expect(again.error).toBeUndefined();
    // The index gives both child sitemaps the lastmod they had when read: their pages are remembered.
    expect(paths(again)).toEqual(['/robots.txt', '/sitemap.xml']);
    expect(again.postings).toEqual([]);
    expect([...again.stillListed].sort()).toEqual(first.postings.map((p) => p.externalId).sort());
    expect(again.incomplete).toEqual([]);
  });

  it('re-reads the posting whose lastmod moved, and does not report one gone from the sitemap', async () => {
    const moved = '2026-04-15T13:00:00+00:00'; // after the first run read it
    const jobs = (await readFile(join(SITE, 'job-sitemap.xml'), 'utf8'))
      .replace('<lastmod>2026-03-02T14:00:00+00:00</lastmod>', `<lastmod>${moved}</lastmod>`)
      .replace(/<url>\s*<loc>https:\/\/www\.careeredge\.ca\/job\/hr-payroll-assistant\/<\/loc>[\s\S]*?<\/url>/, '');
    const interns = (await readFile(join(SITE, 'internship-sitemap.xml'), 'utf8')).replace('2026-03-02T14:00:00+00:00', moved);
    const page = (await readFile(join(SITE, 'job/junior-data-analyst.html'), 'utf8')).replace('"title": "Junior Data Analyst"', '"title": "Junior Data Analyst (Claims)"');
    // WordPress moves the changed child sitemaps' lastmod in the index too.
    const index = (await readFile(join(SITE, 'sitemap.xml'), 'utf8'))
      .replace('2026-04-14T12:03:44+00:00', moved)
      .replace('2026-04-13T08:20:00+00:00', moved);
    const changed = await serveFixtures(SITE, {
      routes: [
        { path: '/sitemap.xml', text: index, contentType: xml },
        { path: '/job-sitemap.xml', text: jobs, contentType: xml },
        { path: '/internship-sitemap.xml', text: interns, contentType: xml },
        { path: '/job/junior-data-analyst/', text: page, contentType: 'text/html; charset=UTF-8' },
        ...(await routes()),
      ],
    });
    try {
      const first = await runSource(source, { baseUrl: server.origin, now: NOW });
      const r = await runSource(source, { baseUrl: changed.origin, previous: first, state: first.state });
      expect(r.error).toBeUndefined();
      expect(paths(r).slice(0, 4)).toEqual(['/robots.txt', '/sitemap.xml', '/job-sitemap.xml', '/internship-sitemap.xml']);
      expect(postingPaths(r)).toEqual(['/job/junior-data-analyst/']);
      expect(r.postings.map((p) => [p.externalId, p.title])).toEqual([['CE-24017', 'Junior Data Analyst (Claims)']]);
      expect(r.stillListed).not.toContain('hr-payroll-assistant');
      expect([...r.stillListed].sort()).toEqual(first.postings.map((p) => p.externalId!).filter((id) => id !== 'CE-24017' && id !== 'hr-payroll-assistant').sort());
      // The vanished page is forgotten; the others are remembered for the next run.
      expect(Object.keys(r.state.pages as object)).not.toContain('/job/hr-payroll-assistant/');
      expect(Object.keys(r.state.pages as object)).toContain('/job/junior-data-analyst/');
    } finally {
      await changed.close();
    }
  });

  it('asks every page again, conditionally, past the max age: 304s keep the stored postings', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const later = new Date(Date.parse(NOW) + 8 * DAY).toISOString();
    const r = await runSource(source, { baseUrl: server.origin, previous: first, state: first.state, now: later });
    expect(r.error).toBeUndefined();
    // Eight postings and the page that answers 404 (the back-office link is refused before any request).
    expect(postingPaths(r)).toHaveLength(9);
    expect(r.requests.filter((q) => q.status === 304)).toHaveLength(8);
    expect(r.postings).toEqual([]);
    expect(r.stillListed).toHaveLength(8);
  });

  it('reads every page again when the engine knows none of the postings (a dry run, an emptied database)', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const r = await runSource(source, { baseUrl: server.origin, state: first.state, now: NOW });
    expect(postingPaths(r)).toHaveLength(9);
    expect(r.postings).toHaveLength(8);
  });

  it('marks a run cut short by maxPages incomplete', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxPages: 2 } });
    expect(r.incomplete).toEqual(['read 2 posting pages (maxPages); more were listed']);
    const all = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxPages: 10 } }); // ten posting URLs, the refused back-office one included
    expect(all.incomplete).toEqual([]);
  });
});

describe('an empty listing', () => {
  it('yields nothing, without an error, when the job sitemaps list no posting', async () => {
    const empty = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';
    const routes = JSON.parse(await readFile(join(SITE, 'routes.json'), 'utf8')) as FixtureRoute[];
    const bare = await serveFixtures(SITE, {
      routes: [{ path: '/job-sitemap.xml', text: empty, contentType: 'application/xml' }, { path: '/internship-sitemap.xml', text: empty, contentType: 'application/xml' }, ...routes],
    });
    try {
      const r = await runSource(source, { baseUrl: bare.origin, now: NOW });
      expect(r.error).toBeUndefined();
      expect(r.postings).toEqual([]);
      expect(paths(r)).toEqual(['/robots.txt', '/sitemap.xml', '/job-sitemap.xml', '/internship-sitemap.xml']);
    } finally {
      await bare.close();
    }
  });
});
