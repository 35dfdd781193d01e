import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, DisallowedError, resolveConfig, RetryableError, type JobPosting, type RequestRecord } from '@pathfinder/sdk';
import { assertSourceContract, runSource, serveFixtures, type FixtureRoute, type FixtureServer } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from '../src/index.js';

const SITE = fileURLToPath(new URL('./fixtures/site', import.meta.url));
const FALLBACK = fileURLToPath(new URL('./fixtures/fallback-site', import.meta.url));
const NOW = '2026-11-21T14:00:00Z';

const byId = (postings: JobPosting[], id: string) => postings.find((p) => p.externalId === id)!;
const pageUrls = (requests: RequestRecord[]) => requests.filter((r) => r.kind === 'page').map((r) => new URL(r.url).pathname + new URL(r.url).search);

// Smallest gap between the end of one request and the start of the next (all to one host here).
function smallestGap(requests: RequestRecord[]): number {
  const ordered = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  let min = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ordered.length; i++) min = Math.min(min, ordered[i].startedAt - ordered[i - 1].endedAt);
  return min;
}

describe('manifest', () => {
  it('declares the CivicJobs source', () => {
    expect(source).toMatchObject({
      kind: 'pathfinder-source', id: 'civicjobs', name: 'CivicJobs.ca', version: '1.0.0', sdk: '^1.1.0',
      baseUrl: 'https://www.civicjobs.ca', crawlDelaySeconds: 5, schedule: '0 */4 * * *',
    });
    expect(source.disallowedPaths).toContain('/admin');
  });

  it('fills config defaults and names a bad field', () => {
    expect(resolveConfig(source, {})).toEqual({ feedPath: '/rss', fetchDetails: true, listingFallback: true });
    expect(resolveConfig(source, { feedPath: '/rss/province.php?id=BC', maxItems: 5 })).toMatchObject({ feedPath: '/rss/province.php?id=BC', maxItems: 5 });
    expect(() => resolveConfig(source, { feedPath: 'rss' })).toThrow(ConfigError);
    expect(() => resolveConfig(source, { maxItems: 0 })).toThrow(/maxItems/);
    expect(() => resolveConfig(source, { feedUrl: '/rss' })).toThrow(ConfigError);
  });
});

describe('RSS feed + detail pages', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await serveFixtures(SITE);
  });
  afterAll(async () => {
    await server.close();
  });

  it('honours the source contract and matches the golden file', async () => {
    // The detail page robots.txt disallows (/jobs?id=999001) is refused by the fetcher before any
    // I/O and the plugin falls back to the feed: not a violation (nothing was sent), but the kit
    // reports the refusal in `blocked`. Every check must pass (validity, robots first, >= 6 s gaps,
    // determinism, golden).
    const run = await assertSourceContract(source, {
      baseUrl: server.origin, now: NOW, golden: fileURLToPath(new URL('./fixtures/golden.json', import.meta.url)), minPostings: 13,
    });
    expect(run.blocked).toEqual([{ url: `${server.origin}/jobs?id=999001`, reason: 'robots' }]);
    expect(run.requests.map((r) => r.url)).not.toContain(`${server.origin}/jobs?id=999001`);
  });

  it('yields every job once, in feed order, with titles split and labels read', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(run.error).toBeUndefined();
    expect(run.invalid).toEqual([]);
    expect(run.postings.map((p) => p.externalId)).toEqual([
      '123451', '123452', '123453', '123454', '123455', '123456', '999001', '123458', '123459', '123460', '123461', '123462', '123463',
    ]);
    expect(byId(run.postings, '123451')).toMatchObject({
      title: 'Engineer-in-Training - Co-op', companyName: 'City of Surrey', city: 'Surrey', province: 'BC',
      originalUrl: `${server.origin}/jobs?id=123451`,
      // "December 4, 2026" in Surrey: applications close at the end of that day, Pacific time.
      applicationDeadline: '2026-12-05T07:59:59.000Z', datePosted: '2026-11-20T17:15:00.000Z',
    });
    expect(byId(run.postings, '123463')).toMatchObject({ title: 'Deputy Corporate Officer', companyName: 'Regional District of Kootenay - Boundary', city: 'Trail' });
    expect(byId(run.postings, '123453')).toMatchObject({
      title: 'Graduate Engineer (New Grad Program)', companyName: 'City of Saskatoon', province: 'SK',
      applicationDeadline: '2027-01-16T05:59:59.000Z',
    });
    expect(byId(run.postings, '123454')).toMatchObject({ title: 'Senior Manager, Engineering', companyName: 'Regional District of Nanaimo' });
    expect(byId(run.postings, '123460')).toMatchObject({ title: 'Parks & Recreation Programmer', companyName: 'City of Prince George' });
    expect(byId(run.postings, '123459')).toMatchObject({
      title: 'Technicien(ne) en génie civil', companyName: 'Ville de Gatineau', city: 'Gatineau', province: 'QC',
      applicationDeadline: '2026-12-05T04:59:59.000Z',
    });
    expect(byId(run.postings, '123459').description).toContain('Diplôme d\'études collégiales en génie civil.');
  });

  it('reads dates in the province\'s zone (Toronto when unknown) and marks only remote/hybrid', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(byId(run.postings, '123452')).toMatchObject({ province: 'AB', applicationDeadline: '2026-12-12T06:59:59.000Z' });
    expect(byId(run.postings, '123455')).toMatchObject({ locationType: 'remote', applicationDeadline: '2026-12-19T04:59:59.000Z' });
    expect(byId(run.postings, '123455').province).toBeUndefined();
    expect(byId(run.postings, '123456')).toMatchObject({ locationType: 'hybrid', city: 'Ottawa', province: 'ON' });
    expect(byId(run.postings, '123451').locationType).toBeUndefined();
    expect(byId(run.postings, '123458').applicationDeadline).toBeUndefined(); // "Open until filled"
    // The feed gave no closing date for 123462; its detail page did.
    expect(byId(run.postings, '123462').applicationDeadline).toBe('2026-12-16T07:59:59.000Z');
  });

  it('never requests the detail page robots.txt disallows, and still yields that job from the feed', async () => {
    const before = server.requests.length;
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    const seen = server.requests.slice(before).map((r) => r.url);
    expect(seen).not.toContain('/jobs?id=999001');
    expect(run.blocked).toEqual([{ url: `${server.origin}/jobs?id=999001`, reason: 'robots' }]);
    expect(byId(run.postings, '999001')).toMatchObject({
      title: 'Bylaw Enforcement Officer', companyName: 'City of Nelson', city: 'Nelson', province: 'BC',
      description: 'Enforce municipal bylaws with a focus on education and voluntary compliance.',
      applicationDeadline: '2026-12-12T07:59:59.000Z',
    });
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'Detail page disallowed or gone; using the feed data' }));
  });

  it('keeps the feed data when a detail page is gone (404)', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(pageUrls(run.requests)).toContain('/jobs?id=123461');
    expect(byId(run.postings, '123461')).toMatchObject({
      title: 'Lifeguard I', companyName: 'City of Richmond',
      description: 'Auxiliary lifeguards for Watermania and Minoru Centre for Active Living.',
    });
  });

  it('takes the full description from the detail page, without labels, chrome or Word markup', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    const coop = byId(run.postings, '123451');
    expect(coop.description).toContain('- Prepare design drawings in AutoCAD Civil 3D');
    expect(coop.description).not.toMatch(/Employer:|Closing Date:|Apply Now|Get job alerts/);
    expect(coop.descriptionHtml).toContain('<h2>About the Opportunity</h2>');
    const word = byId(run.postings, '123458');
    expect(word.description).toBe(
      'Support the Corporate Officer with agendas, minutes and records management.\n\n' +
      '- Two years of office experience\n- Advanced Microsoft Word and Excel\n\nPemberton is a mountain community of 3,400.',
    );
    expect(word.descriptionHtml).not.toMatch(/mso|o:p|st1|Employer/i);
  });

  it('asks robots.txt first, then the feed, each detail page once, at least 6 s apart (robots Crawl-delay beats 5 s)', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(run.requests[0]).toMatchObject({ kind: 'robots' });
    const pages = pageUrls(run.requests);
    expect(pages[0]).toBe('/rss');
    expect(pages.filter((u) => u === '/jobs?id=123451')).toHaveLength(1); // the repeated feed item is deduped
    expect(pages).toHaveLength(1 + 12); // the feed + 13 jobs' pages minus the refused one
    expect(smallestGap(run.requests)).toBeGreaterThanOrEqual(6000);
  });

  it('stops after maxItems and fetches nothing more', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxItems: 3 } });
    expect(run.postings.map((p) => p.externalId)).toEqual(['123451', '123452', '123453']);
    expect(pageUrls(run.requests)).toEqual(['/rss', '/jobs?id=123451', '/jobs?id=123452', '/jobs?id=123453']);
    // Told to the engine, which then archives none of the jobs not reached.
    expect(run.incomplete).toEqual(['stopped at maxItems (3)']);
  });

  it('reads the feed alone when fetchDetails is off', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW, config: { fetchDetails: false } });
    expect(pageUrls(run.requests)).toEqual(['/rss']);
    expect(run.postings).toHaveLength(13);
    expect(byId(run.postings, '123451').description).toBe(
      'Surrey\'s Engineering Department is looking for a co-op student for a four-month work term starting in January 2027.',
    );
    expect(byId(run.postings, '123462').applicationDeadline).toBeUndefined();
  });

  it('reads a narrower feed from feedPath', async () => {
    const narrow = await serveFixtures(SITE, {
      routes: [{ path: '/rss/province.php', query: { id: 'BC' }, file: 'rss.xml' }],
    });
    try {
      const run = await runSource(source, {
        baseUrl: narrow.origin, now: NOW, config: { feedPath: '/rss/province.php?id=BC', fetchDetails: false },
      });
      expect(run.error).toBeUndefined();
      expect(pageUrls(run.requests)).toEqual(['/rss/province.php?id=BC']);
      expect(run.postings).toHaveLength(13);
    } finally {
      await narrow.close();
    }
  });
});

describe('HTML listing fallback', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await serveFixtures(FALLBACK);
  });
  afterAll(async () => {
    await server.close();
  });

  it('honours the source contract when the feed answers 503 (golden)', async () => {
    await assertSourceContract(source, {
      baseUrl: server.origin, now: NOW, golden: fileURLToPath(new URL('./fixtures/golden-fallback.json', import.meta.url)), minPostings: 5,
    });
  });

  it('falls back to /jobs (both pages) after the feed\'s retries fail, completing jobs from detail pages', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(run.error).toBeUndefined();
    const pages = pageUrls(run.requests);
    expect(pages.filter((u) => u === '/rss').length).toBeGreaterThan(1); // retried, then given up
    expect(pages).toContain('/jobs');
    expect(pages).toContain('/jobs?page=2');
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^Feed unusable .*reading the HTML listing/) }));
    expect(run.postings.map((p) => p.externalId)).toEqual(['123451', '123454', '123470', '123459', '123471']);
    expect(byId(run.postings, '123451')).toMatchObject({
      title: 'Engineer-in-Training - Co-op', companyName: 'City of Surrey', city: 'Surrey', province: 'BC',
      applicationDeadline: '2026-12-05T07:59:59.000Z', datePosted: '2026-11-20T08:00:00.000Z',
    });
    expect(byId(run.postings, '123451').description).toContain('AutoCAD Civil 3D');
    // No detail page (404): the card's data only, dates read relative to the crawl clock.
    expect(byId(run.postings, '123470')).toMatchObject({
      title: 'Recreation Leader & Camp Counsellor', companyName: 'District of Squamish', description: '',
      originalUrl: `${server.origin}/jobs?id=123470`, datePosted: '2026-11-18T08:00:00.000Z',
    });
    expect(byId(run.postings, '123471')).toMatchObject({ title: 'Summer Student - Public Works', companyName: 'Town of Gibsons', datePosted: '2026-11-20T08:00:00.000Z' });
  });

  it('falls back when the feed is well-formed but empty', async () => {
    const routes = await import('./fixtures/fallback-site/routes.json', { with: { type: 'json' } });
    const empty = await serveFixtures(FALLBACK, {
      routes: [{ path: '/rss', file: 'empty-rss.xml' }, ...(routes.default as FixtureRoute[]).filter((r) => r.path !== '/rss')],
    });
    try {
      const run = await runSource(source, { baseUrl: empty.origin, now: NOW, config: { fetchDetails: false } });
      expect(run.error).toBeUndefined();
      expect(pageUrls(run.requests)).toEqual(['/rss', '/jobs', '/jobs?page=2']);
      expect(run.postings).toHaveLength(5);
      // Without the fallback an empty narrow feed is a legitimately empty run.
      const off = await runSource(source, { baseUrl: empty.origin, now: NOW, config: { listingFallback: false } });
      expect(off.error).toBeUndefined();
      expect(off.postings).toEqual([]);
      expect(pageUrls(off.requests)).toEqual(['/rss']);
    } finally {
      await empty.close();
    }
  });

  it('fails the run (retry later) when the feed and the listing both fail, or the fallback is off', async () => {
    const down = await serveFixtures(FALLBACK, {
      routes: [{ path: '/rss', text: 'down', status: 503 }, { path: '/jobs', text: 'down', status: 502 }],
    });
    try {
      const run = await runSource(source, { baseUrl: down.origin, now: NOW });
      expect(run.error).toBeInstanceOf(RetryableError);
      expect((run.error as Error).message).toMatch(/^No jobs from the feed .* nor the listing/);
      expect(run.postings).toEqual([]);
      const off = await runSource(source, { baseUrl: down.origin, now: NOW, config: { listingFallback: false } });
      expect(off.error).toBeInstanceOf(RetryableError);
      expect(pageUrls(off.requests).every((u) => u === '/rss')).toBe(true);
    } finally {
      await down.close();
    }
  });

  it('fails with the refusal when robots.txt disallows the whole site', async () => {
    const closed = await serveFixtures(FALLBACK, { routes: [{ path: '/robots.txt', text: 'User-agent: *\nDisallow: /\n' }] });
    try {
      const run = await runSource(source, { baseUrl: closed.origin, now: NOW });
      expect(run.error).toBeInstanceOf(DisallowedError);
      expect(closed.requests.map((r) => r.url)).toEqual(['/robots.txt']);
    } finally {
      await closed.close();
    }
  });
});

describe('incremental re-crawls (SDK 1.1: ctx.known, ctx.isFresh, ctx.stillListed, conditional detail pages)', () => {
  const routes = async () => (await import('./fixtures/site/routes.json', { with: { type: 'json' } })).default as FixtureRoute[];
  const DAY = 86_400_000;

  it('reads only the feed when nothing changed, and reports every job still listed', async () => {
    const server = await serveFixtures(SITE);
    try {
      const first = await runSource(source, { baseUrl: server.origin, now: NOW });
      expect(first.postings).toHaveLength(13);
      const again = await runSource(source, { baseUrl: server.origin, previous: first });
      expect(again.error).toBeUndefined();
      expect(pageUrls(again.requests)).toEqual(['/rss']);
      expect(again.postings).toEqual([]);
      expect([...again.stillListed].sort()).toEqual(first.postings.map((p) => p.externalId).sort());
    } finally {
      await server.close();
    }
  });

  it('re-reads the job whose pubDate moved: a changed page is yielded, an unchanged one answers 304 and stays', async () => {
    const rss = (await readFile(`${SITE}/rss.xml`, 'utf8'))
      .replace('Thu, 19 Nov 2026 22:00:00 GMT', 'Sat, 21 Nov 2026 16:00:00 GMT') // 123452, after the first run
      .replace('Wed, 18 Nov 2026 14:30:00 -0600', 'Sat, 21 Nov 2026 10:30:00 -0600'); // 123453, likewise
    const page = (await readFile(`${SITE}/jobs/123452.html`, 'utf8')).replace('Planning Intern</h1>', 'Planning Intern</h1><p>Now with a housing focus.</p>');
    const base = await serveFixtures(SITE);
    const changed = await serveFixtures(SITE, {
      routes: [{ path: '/rss', text: rss, contentType: 'application/rss+xml' }, { path: '/jobs', query: { id: '123452' }, text: page, contentType: 'text/html' }, ...(await routes())],
    });
    try {
      // The validators are stored per URL: both servers must be the same origin for them to apply,
      // so the first run's memory is re-keyed onto the second server.
      const first = await runSource(source, { baseUrl: base.origin, now: NOW });
      const validators = Object.fromEntries(Object.entries(first.validators).map(([u, v]) => [u.replace(base.origin, changed.origin), v]));
      const run = await runSource(source, { baseUrl: changed.origin, previous: { ...first, validators } });
      expect(run.error).toBeUndefined();
      expect(pageUrls(run.requests)).toEqual(['/rss', '/jobs?id=123452', '/jobs?id=123453']);
      const sent = changed.requests.filter((r) => r.url.startsWith('/jobs?id='));
      expect(sent.every((r) => r.headers['if-none-match'] !== undefined)).toBe(true);
      expect(run.postings.map((p) => p.externalId)).toEqual(['123452']);
      expect(run.postings[0]!.description).toContain('Now with a housing focus.');
      expect(run.stillListed).toHaveLength(12);
      // 123453's 304 confirmed the stored job: it counts as read now.
      expect(run.known['123453']!.detailFetchedAt!.getTime()).toBeGreaterThan(first.known['123453']!.detailFetchedAt!.getTime());
    } finally {
      await base.close();
      await changed.close();
    }
  });

  it('re-reads every detail page (conditionally) once the stored jobs are older than the max age', async () => {
    const server = await serveFixtures(SITE);
    try {
      const first = await runSource(source, { baseUrl: server.origin, now: NOW });
      const later = new Date(Date.parse(NOW) + 8 * DAY).toISOString();
      const run = await runSource(source, { baseUrl: server.origin, previous: first, now: later });
      expect(pageUrls(run.requests)).toHaveLength(1 + 12);
      // Every page answered 304 (or is refused/gone): nothing re-yielded, everything still listed.
      expect(run.postings.map((p) => p.externalId)).toEqual(['999001', '123461']);
      expect(run.stillListed).toHaveLength(11);
    } finally {
      await server.close();
    }
  });
});
