/**
 * The Work In Nonprofits source end to end, against the recorded site in test/fixtures/site served
 * on 127.0.0.1: the SDK's source contract (with the golden file) and the fields that matter.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FatalSourceError, parseDate, resolveConfig, type JobPosting } from '@pathfinder/sdk';
import {
  assertSourceContract,
  runSource,
  serveFixtures,
  type FixtureRoute,
  type FixtureServer,
  type RunSourceResult,
} from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import source from '../src/index.js';

const SITE = fileURLToPath(new URL('./fixtures/site/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./fixtures/golden.json', import.meta.url));
const ROUTES = JSON.parse(readFileSync(`${SITE}routes.json`, 'utf8')) as FixtureRoute[];
// Tuesday 10 March 2026, 10:00 in Toronto (EDT, two days after the DST change).
const NOW = '2026-03-10T14:00:00Z';
// Anything a Word paste or VML drawing leaves behind.
const WORD_TRACES = /mso-|Mso[A-Z]|<o:|<\/o:|<v:|<w:|st1:|<xml|\[if |\[endif\]|supportLists|Style Definitions|OfficeDocumentSettings|clip_image|·/;

let server: FixtureServer;
let run: RunSourceResult;

beforeAll(async () => {
  server = await serveFixtures(SITE);
  run = await runSource(source, { baseUrl: server.origin, now: NOW });
});
afterAll(async () => {
  await server.close();
});

const byId = (id: string): JobPosting => {
  const p = run.postings.find((x) => x.externalId === id);
  if (!p) throw new Error(`no posting ${id}`);
  return p;
};
const paths = (r: RunSourceResult): string[] => r.requests.map((q) => new URL(q.url).pathname + new URL(q.url).search);

describe('manifest', () => {
  it('declares the agreed identity, politeness and schedule', () => {
    expect(source).toMatchObject({
      kind: 'pathfinder-source',
      id: 'workinnonprofits',
      name: 'Work In Nonprofits',
      version: pkg.version,
      sdk: '^1.1.0',
      baseUrl: 'https://workinnonprofits.ca',
      crawlDelaySeconds: 5,
      disallowedPaths: ['/admin', '/employers/login'],
      schedule: '30 */6 * * *',
    });
  });

  it('has a config schema whose defaults make {} valid', () => {
    expect(resolveConfig(source, {})).toEqual({ sections: ['jobs', 'volunteer-jobs'], maxPagesPerRegion: 20 });
    expect(() => resolveConfig(source, { sections: ['internships'] })).toThrow(/sections/);
    expect(() => resolveConfig(source, { maxPagesPerRegion: 0 })).toThrow(/maxPagesPerRegion/);
  });
});

describe('source contract', () => {
  it('is schema-valid, polite, deterministic and matches the golden file', async () => {
    const result = await assertSourceContract(source, { baseUrl: server.origin, now: NOW, golden: GOLDEN, minPostings: 10 });
    expect(result.postings).toHaveLength(10);
  });
});

describe('crawl over the recorded site', () => {
  it('yields every listed job exactly once (languages, regions, pages)', () => {
    const ids = run.postings.map((p) => p.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      ['112345', '112360', '112377', '112388', '112401', '112410', '112415', '112420', 'v4521', 'v4533'].sort(),
    );
    // …and fetches each detail page once: the bilingual job and the two-region job included.
    const details = paths(run).filter((p) => p.includes('/view/'));
    expect(new Set(details).size).toBe(details.length);
    expect(details.filter((p) => p.includes('/112401/'))).toHaveLength(1);
    expect(details.filter((p) => p.includes('/112345/'))).toEqual(['/jobs/view/112345/E/program-coordinator-youth-employment']);
    expect(details.filter((p) => p.includes('/4521/'))).toEqual(['/volunteer-jobs/view/4521/E/board-treasurer']);
  });

  it('prefers the English link of a bilingual card, follows F when it is the only one', () => {
    expect(byId('112345')).toMatchObject({
      title: 'Program Coordinator, Youth Employment',
      companyName: 'Harbour Youth Society',
      originalUrl: `${server.origin}/jobs/view/112345/E/program-coordinator-youth-employment`,
    });
    expect(byId('112415')).toMatchObject({
      title: 'Agent(e) de liaison communautaire',
      originalUrl: `${server.origin}/jobs/view/112415/F/agent-e-de-liaison-communautaire`,
      city: 'Ottawa',
      province: 'ON',
    });
    expect(byId('112415').description).toContain('Pour postuler :');
  });

  it('discovers regions once each, pages through to the disabled "next", stays in its section', () => {
    const p = paths(run);
    expect(p[0]).toBe('/robots.txt');
    expect(p.filter((x) => x.startsWith('/jobs/list-by/region/'))).toEqual([
      '/jobs/list-by/region/9/nova-scotia',
      '/jobs/list-by/region/9/nova-scotia?page=2',
      '/jobs/list-by/region/6/ontario',
      '/jobs/list-by/region/12/yukon',
    ]);
    // The paid search page's menu links a volunteer region: crawled once, as volunteer.
    expect(p.filter((x) => x.startsWith('/volunteer-jobs/list-by/region/'))).toEqual(['/volunteer-jobs/list-by/region/9/nova-scotia']);
    expect(p.some((x) => x.includes('#') || x.includes('/admin') || x.includes('/employers/login'))).toBe(false);
    expect(run.error).toBeUndefined();
  });

  it('resolves "closes in N days" / "tomorrow" against the clock it is given', async () => {
    // 112377 has no validThrough: its deadline is the card's "closes in 12 days".
    expect(byId('112377').applicationDeadline).toBe('2026-03-22T04:00:00.000Z');
    expect(byId('112377').applicationDeadline).toBe(parseDate('closes in 12 days', { now: new Date(NOW) }));
    expect(byId('112388').applicationDeadline).toBe('2026-03-11T04:00:00.000Z'); // "closes tomorrow"
    expect(byId('v4533').applicationDeadline).toBe('2026-04-19T04:00:00.000Z'); // "Closes in 40 days"

    const later = await runSource(source, { baseUrl: server.origin, now: '2026-03-15T14:00:00Z', config: { sections: ['jobs'] } });
    const intern = later.postings.find((x) => x.externalId === '112377');
    expect(intern?.applicationDeadline).toBe('2026-03-27T04:00:00.000Z');
  });

  it('takes an absolute validThrough over the card\'s relative date', () => {
    // Card: "closes in 21 days" (31 March, midnight); JSON-LD: 31 March 23:59 Atlantic.
    expect(byId('112345').applicationDeadline).toBe('2026-04-01T02:59:00.000Z');
  });

  it('leaves no Word or VML markup in any description', () => {
    for (const p of run.postings) {
      expect(p.description, p.externalId).not.toMatch(WORD_TRACES);
      expect(p.descriptionHtml ?? '', p.externalId).not.toMatch(WORD_TRACES);
      expect(p.descriptionHtml ?? '', p.externalId).not.toMatch(/<script|<style|\sstyle=|\sclass=|<span/i);
    }
    const word = byId('112388');
    expect(word.description).toBe(
      [
        'About us',
        'The Cape Breton Community Housing Association has served Sydney and Glace Bay since 1987.',
        'Responsibilities',
        '- Connect tenants with income, health and legal supports\n- Keep case notes up to date',
        'Qualifications',
        '- A diploma or degree in social work or human services (new graduates welcome)\n- A valid driver’s licence',
        'How to apply:',
        'Apply by email to hr@cbcha.example.org quoting “Outreach Worker”.',
      ].join('\n\n'),
    );
    expect(byId('v4533').description).toContain('visitors to Wolfville.');
  });

  it('reads the HTML-only detail page: salary, date fallback, location', () => {
    expect(byId('112388')).toMatchObject({
      title: 'Outreach Worker',
      salaryMin: 25.64,
      salaryMax: 29.86,
      salaryPeriod: 'hour',
      datePosted: '2026-03-04T15:30:00.000Z', // meta article:published_time
      city: 'Sydney',
      province: 'NS',
    });
  });

  it('reads the JSON-LD pages: dates, internship, organisation with entities', () => {
    expect(byId('112377')).toMatchObject({
      jobType: 'internship',
      companyName: 'Mi’kmaw Arts & Culture Collective',
      datePosted: '2026-03-05T05:00:00.000Z',
      city: 'Dartmouth',
      province: 'NS',
    });
    expect(byId('112410')).toMatchObject({ city: 'Toronto', province: 'ON', locationType: 'hybrid', salaryMin: 62000, salaryMax: 70000, salaryPeriod: 'year' });
  });

  it('marks the Work From Home job remote, with no place; International gets no place', () => {
    const remote = byId('112401');
    expect(remote.locationType).toBe('remote');
    expect(remote.city).toBeUndefined();
    expect(remote.province).toBeUndefined();
    const intl = byId('112420');
    expect(intl.city).toBeUndefined();
    expect(intl.province).toBeUndefined();
  });

  it('still yields the senior role (the pipeline drops it)', () => {
    expect(byId('112360').title).toBe('Senior Manager, Development');
  });

  it('pays the paid section and not the volunteer one', () => {
    for (const p of run.postings) {
      const volunteer = p.originalUrl.includes('/volunteer-jobs/');
      expect(p.withPay, p.externalId).toBe(!volunteer);
      expect(p.externalId?.startsWith('v'), p.externalId).toBe(volunteer);
      if (volunteer) expect(p.salaryMin).toBeUndefined();
    }
  });

  it('logs and skips a listed job whose page is gone', () => {
    expect(run.postings.some((p) => p.externalId === '112430')).toBe(false);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'Job page unavailable, skipped', data: expect.objectContaining({ url: expect.stringContaining('/jobs/view/112430/'), reason: 'gone or refused' }) }),
    );
  });
});

describe('configuration', () => {
  it('crawls only the configured sections', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { sections: ['volunteer-jobs'] } });
    expect(r.error).toBeUndefined();
    expect(r.postings.map((p) => p.externalId)).toEqual(['v4521', 'v4533']);
    expect(paths(r).some((p) => p.startsWith('/jobs/'))).toBe(false);
  });

  it('limits the crawl to the configured regions', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { regions: [6] } });
    expect(r.error).toBeUndefined();
    expect(r.postings.map((p) => p.externalId)).toEqual(['112401', '112410', '112415', '112420']);
    expect(paths(r).filter((p) => p.includes('/list-by/'))).toEqual(['/jobs/list-by/region/6/ontario']);
  });

  it('treats an empty region list as no restriction', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { regions: [] } });
    expect(r.error).toBeUndefined();
    expect(r.postings).toHaveLength(10);
  });

  it('fails (instead of archiving everything) when no configured region exists', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { regions: [99] } });
    expect(r.error).toBeInstanceOf(FatalSourceError);
    expect((r.error as FatalSourceError).code).toBe('PF_ERR_SOURCE_FATAL');
    expect(r.postings).toEqual([]);
  });

  it('stops paging at maxPagesPerRegion, with a warning', async () => {
    const r = await runSource(source, { baseUrl: server.origin, now: NOW, config: { sections: ['jobs'], maxPagesPerRegion: 1 } });
    expect(paths(r)).not.toContain('/jobs/list-by/region/9/nova-scotia?page=2');
    expect(r.postings.map((p) => p.externalId)).not.toContain('112388');
    expect(r.postings.map((p) => p.externalId)).toContain('112401'); // still listed under Ontario
    expect(r.logs.some((l) => l.level === 'warn' && l.msg.includes('maxPagesPerRegion'))).toBe(true);
    // Told to the engine, which then archives none of the jobs on the pages not read.
    expect(r.incomplete).toEqual(['stopped paging region 9 (jobs) at maxPagesPerRegion (1)']);
    expect(run.incomplete).toEqual([]);
  });
});

describe('a changed or broken site', () => {
  async function withRoutes(change: (routes: FixtureRoute[]) => FixtureRoute[], config = {}): Promise<RunSourceResult> {
    const s = await serveFixtures(SITE, { routes: change(ROUTES.map((r) => ({ ...r }))) });
    try {
      return await runSource(source, { baseUrl: s.origin, now: NOW, config });
    } finally {
      await s.close();
    }
  }

  it('fails when the search page no longer links any region', async () => {
    const r = await withRoutes((routes) => [{ path: '/jobs/search', text: '<html><body><form></form></body></html>', contentType: 'text/html' }, ...routes]);
    expect(r.error).toBeInstanceOf(FatalSourceError);
    expect(String((r.error as Error).message)).toMatch(/no region links/);
  });

  it('fails when the search page is gone', async () => {
    const r = await withRoutes((routes) => routes.filter((x) => x.path !== '/volunteer-jobs/search'));
    expect(r.error).toBeInstanceOf(FatalSourceError);
    expect(String((r.error as Error).message)).toMatch(/volunteer-jobs search page answered HTTP 404/);
  });

  it('skips a region page that fails and goes on', async () => {
    const r = await withRoutes((routes) => routes.filter((x) => x.path !== '/jobs/list-by/region/6/ontario'), { sections: ['jobs'] });
    expect(r.error).toBeUndefined();
    expect(r.postings.map((p) => p.externalId)).toEqual(['112345', '112360', '112377', '112388', '112401']);
    expect(r.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'Region page unavailable, skipped' }));
  });

  it('stops when "next" points back at a page already read', async () => {
    const r = await withRoutes(
      (routes) => [
        { path: '/jobs/list-by/region/9/nova-scotia', query: { page: '2' }, file: 'jobs/list-by/region-9-nova-scotia-page-1.html' },
        ...routes,
      ],
      { sections: ['jobs'], regions: [9] },
    );
    expect(r.error).toBeUndefined();
    // page 1 -> ?page=2 (which is page 1 again, whose "next" is ?page=2): two listing requests only.
    expect(paths(r).filter((p) => p.includes('/list-by/'))).toEqual([
      '/jobs/list-by/region/9/nova-scotia',
      '/jobs/list-by/region/9/nova-scotia?page=2',
    ]);
  });
});

describe('incremental re-crawls (SDK 1.1: ctx.once, ctx.isFresh, ctx.stillListed, conditional detail pages)', () => {
  const DAY = 86_400_000;
  // 112430 is listed but its page is gone (404): never stored, so every run asks for it again.
  const GONE = '/jobs/view/112430/E/receptionist';
  const listingOnly = (r: RunSourceResult) =>
    paths(r).every((p) => p === '/robots.txt' || p === GONE || p.endsWith('/search') || p.includes('/list-by/'));

  it('reads only robots.txt and the region pages when nothing changed, and reports every job still listed', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const again = await runSource(source, { baseUrl: server.origin, previous: first, state: first.state });
    expect(again.error).toBeUndefined();
    expect(listingOnly(again)).toBe(true);
    // The regions are remembered (the search pages are read again after the max age); the gone
    // page was marked skipped, and its card reads the same: not asked again either.
    expect(paths(again).filter((p) => p.includes('/search'))).toEqual([]);
    expect(paths(again).filter((p) => p.includes('/view/'))).toEqual([]);
    expect(first.known['112430']).toMatchObject({ skipped: 'job page gone (HTTP 404/410) or refused' });
    expect(again.postings).toEqual([]);
    expect([...again.stillListed].sort()).toEqual([...first.postings.map((p) => p.externalId), '112430'].sort());
  });

  it('re-reads a job once its stored copy is older than the max age: a changed page is yielded, an unchanged one answers 304', async () => {
    const page = readFileSync(`${SITE}jobs/view/112401-grant-writer.html`, 'utf8').replace('<div class="vj_desc">', '<div class="vj_desc"><p>Now with a housing focus.</p>');
    const base = await serveFixtures(SITE);
    const changed = await serveFixtures(SITE, {
      routes: [{ path: '/jobs/view/112401/E/grant-writer', text: page, contentType: 'text/html' }, ...ROUTES],
    });
    try {
      const first = await runSource(source, { baseUrl: base.origin, now: NOW });
      // Validators are stored per URL: re-key the first run's onto the second server.
      const validators = Object.fromEntries(Object.entries(first.validators).map(([u, v]) => [u.replace(base.origin, changed.origin), v]));
      const later = new Date(Date.parse(NOW) + 8 * DAY).toISOString();
      const run = await runSource(source, { baseUrl: changed.origin, previous: { ...first, validators }, now: later });
      expect(run.error).toBeUndefined();
      const sent = changed.requests.filter((r) => r.url.includes('/view/') && !r.url.includes('112430'));
      expect(sent.length).toBe(first.postings.length);
      expect(sent.every((r) => r.headers['if-none-match'] !== undefined || r.headers['if-modified-since'] !== undefined)).toBe(true);
      expect(run.postings.map((p) => p.externalId)).toEqual(['112401']);
      expect(run.postings[0]!.description).toContain('Now with a housing focus.');
      expect(run.stillListed).toHaveLength(first.postings.length - 1);
    } finally {
      await base.close();
      await changed.close();
    }
  });

  it('reads a job the engine does not know yet', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const { ['112401']: _dropped, ...known } = first.known;
    // Nor its validators: a 304 for a job the engine did not keep yields nothing (it was skipped then).
    const again = await runSource(source, { baseUrl: server.origin, previous: { ...first, known, validators: {} }, state: first.state });
    expect(paths(again).filter((p) => p.includes('/view/'))).toEqual(['/jobs/view/112401/E/grant-writer']);
    expect(again.postings.map((p) => p.externalId)).toEqual(['112401']);
  });
});

describe('an empty listing', () => {
  it('yields nothing, without an error, when every region page has no job card (the engine then archives nothing)', async () => {
    const EMPTY = '<!doctype html><html><body><div class="job_list"><p class="no_jobs">There are currently no jobs listed in this region.</p></div></body></html>';
    const bare = await serveFixtures(SITE, {
      routes: [
        { path: '/jobs/list-by/*', text: EMPTY, contentType: 'text/html' },
        { path: '/volunteer-jobs/list-by/*', text: EMPTY, contentType: 'text/html' },
        ...ROUTES.filter((r) => !r.path.includes('/list-by/')),
      ],
    });
    try {
      const r = await runSource(source, { baseUrl: bare.origin, now: NOW });
      expect(r.error).toBeUndefined();
      expect(r.postings).toEqual([]);
      expect(r.incomplete).toEqual([]);
      expect(r.requests.some((q) => q.url.includes('/view/'))).toBe(false);
    } finally {
      await bare.close();
    }
  });
});
