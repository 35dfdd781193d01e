import { ConfigError, resolveConfig, type JobPosting } from '@pathfinder/sdk';
import { assertSourceContract, runSource, serveFixtures, type FixtureServer, type RunSourceResult } from '@pathfinder/sdk/testing';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from '../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const NOW = '2026-03-06T12:00:00Z';

let server: FixtureServer;
let run: RunSourceResult;

beforeAll(async () => {
  server = await serveFixtures(join(fixtures, 'site'));
  run = await runSource(source, { baseUrl: server.origin, now: NOW });
});
afterAll(async () => {
  await server?.close();
});

function job(id: string): JobPosting {
  const p = run.postings.find((x) => x.externalId === id);
  if (!p) throw new Error(`no posting ${id}`);
  return p;
}

function paths(r: RunSourceResult): string[] {
  return r.requests.map((q) => {
    const u = new URL(q.url);
    return u.pathname + u.search;
  });
}

describe('eco-canada manifest', () => {
  it('declares the source', () => {
    expect(source).toMatchObject({
      kind: 'pathfinder-source',
      id: 'eco-canada',
      name: 'ECO Canada',
      version: '1.0.0',
      sdk: '^1.1.0',
      baseUrl: 'https://ecoworks.eco.ca',
      crawlDelaySeconds: 15,
      disallowedPaths: ['/admin', '/employer'],
      schedule: '15 */4 * * *',
    });
  });

  it('has config defaults and rejects bad settings', () => {
    expect(resolveConfig(source, {})).toEqual({ maxPages: 25, listPath: '/jobs' });
    expect(resolveConfig(source, { maxPages: 3 })).toEqual({ maxPages: 3, listPath: '/jobs' });
    expect(() => resolveConfig(source, { maxPages: 0 })).toThrow(ConfigError);
    expect(() => resolveConfig(source, { listPath: 'jobs' })).toThrow(/listPath/);
  });
});

describe('eco-canada crawl (test kit)', () => {
  it('honours the source contract and matches the golden file', async () => {
    const result = await assertSourceContract(source, {
      baseUrl: server.origin,
      now: NOW,
      golden: join(fixtures, 'golden.json'),
      minPostings: 8,
    });
    expect(result.postings).toHaveLength(8);
  });

  it('reads both listing pages and each job once, in order, politely', () => {
    expect(run.error).toBeUndefined();
    expect(run.invalid).toEqual([]);
    expect(run.postings.map((p) => p.externalId)).toEqual(['48213', '48220', '48231', '48245', '48252', '48260', '48266', '48271']);
    expect(paths(run)).toEqual([
      '/robots.txt',
      '/jobs',
      '/jobs/48213', '/jobs/48220', '/jobs/48231', '/jobs/48245', '/jobs/48252',
      '/jobs?page=2',
      // 48213 is featured again on page 2 and not fetched twice; 48278 answers 404.
      '/jobs/48260', '/jobs/48266', '/jobs/48271', '/jobs/48278',
    ]);
    // robots.txt says Crawl-delay: 5, the declared 15 s wins (fake clock: end of one response to start of the next).
    const gaps = run.requests.slice(1).map((r, i) => r.startedAt - run.requests[i].endedAt);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15_000);
    expect(run.blocked).toEqual([]);
  });

  it('maps the internship: hourly CAD pay, dates, sanitised description', () => {
    const p = job('48213');
    expect(p).toMatchObject({
      title: 'Environmental Science Intern (Summer 2026)',
      companyName: 'Prairie Watershed Alliance',
      originalUrl: `${server.origin}/jobs/48213`,
      jobType: 'internship',
      city: 'Calgary',
      province: 'AB',
      withPay: true,
      salaryMin: 22,
      salaryMax: 25.5,
      salaryPeriod: 'hour',
      datePosted: '2026-03-02T15:04:05.000Z',
      applicationDeadline: '2026-04-15T23:59:59.000Z',
    });
    expect(p.description).toContain('Collect water samples & field data');
    expect(p.description).toContain("ECO Canada's wage-subsidy program");
    expect(p.description).not.toMatch(/document\.cookie|tracker/);
    expect(p.descriptionHtml).toContain('<strong>watershed monitoring</strong>');
    expect(p.descriptionHtml).toContain('href="https://eco.ca/programs"');
    expect(p.descriptionHtml).not.toMatch(/<script|onclick|track\(|document\.cookie/i);
  });

  it('maps the co-op, the junior (new-grad) and the senior roles', () => {
    expect(job('48220')).toMatchObject({
      jobType: 'coop', city: 'Markham', province: 'ON', salaryMin: 18.5, salaryMax: 21, salaryPeriod: 'hour',
      datePosted: '2026-02-27T19:30:00.000Z', companyName: 'GreenLine Engineering Ltd.',
    });
    expect(job('48220')).not.toHaveProperty('applicationDeadline');

    const junior = job('48231');
    expect(junior).toMatchObject({
      title: 'Junior Environmental Technologist', companyName: 'Atlantic Soil & Water Labs', city: 'Halifax', province: 'NS',
      salaryMin: 52000, salaryMax: 60000, salaryPeriod: 'year', withPay: true,
    });
    // "Junior"/new-grad is the pipeline's call, not the source's.
    expect(junior).not.toHaveProperty('jobType');
    expect(junior.applicationDeadline).toMatch(/^2026-05-01T0\d:00:00\.000Z$/);

    // The senior role is still yielded: the engine's pipeline drops it.
    expect(job('48245')).toMatchObject({ title: 'Senior Manager, Environmental Compliance', salaryMin: 115000, salaryPeriod: 'year' });
  });

  it('maps the remote role and leaves USD pay unset', () => {
    const remote = job('48252');
    expect(remote).toMatchObject({ title: 'GIS Analyst – Habitat Mapping', locationType: 'remote', salaryMin: 68000, salaryPeriod: 'year' });
    expect(remote).not.toHaveProperty('city');
    expect(remote).not.toHaveProperty('salaryMax');

    const usd = job('48260');
    expect(usd).toMatchObject({ withPay: true, city: 'Vancouver', province: 'BC', title: 'Field Ecologist – Boreal Monitoring Program' });
    expect(usd).not.toHaveProperty('salaryMin');
    expect(usd).not.toHaveProperty('salaryPeriod');
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringMatching(/48260.*USD/) }));
  });

  it('reads a window.job with `};` in strings, nested objects and decoy scripts', () => {
    const p = job('48266');
    expect(p).toMatchObject({
      title: 'Air Quality Specialist – Montréal',
      companyName: 'Saint-Laurent Environnement',
      city: 'Montréal',
      province: 'QC',
      datePosted: '2026-03-05T13:00:00.000Z',
    });
    expect(p.description).toContain('a block ends with };');
    expect(p.description).toContain('Bilingual (French / English)');
    expect(p.description).not.toMatch(/gotcha|666/);
    expect(p.descriptionHtml).not.toMatch(/<script|onclick|onerror|javascript:|steal|tracker/i);
    for (const key of ['jobType', 'withPay', 'salaryMin', 'applicationDeadline'] as const) expect(p).not.toHaveProperty(key);
  });

  it('falls back to the listing card when window.job is missing, and skips a 404 job', () => {
    expect(job('48271')).toEqual({
      title: 'Environmental Data Coordinator',
      companyName: 'Red River Conservation Authority',
      originalUrl: `${server.origin}/jobs/48271`,
      externalId: '48271',
      description: '',
      jobType: 'coop',
      city: 'Winnipeg',
      province: 'MB',
    });
    expect(run.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('no window.job'), data: expect.objectContaining({ id: '48271' }) }),
    );
    expect(run.postings.some((p) => p.externalId === '48278')).toBe(false);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('HTTP 404/410'), data: expect.objectContaining({ id: '48278' }) }),
    );
  });

  it('stops at maxPages', async () => {
    const one = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxPages: 1 } });
    expect(one.error).toBeUndefined();
    expect(one.postings).toHaveLength(5);
    expect(paths(one)).not.toContain('/jobs?page=2');
    expect(one.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringContaining('maxPages') }));
    // Told to the engine, which then archives none of the jobs on the pages not read.
    expect(one.incomplete).toEqual(['stopped after maxPages (1) listing pages']);
    expect(run.incomplete).toEqual([]);
  });

  it('fails the run when the first listing page is missing', async () => {
    const bad = await runSource(source, { baseUrl: server.origin, now: NOW, config: { listPath: '/no-such-list' } });
    expect(bad.postings).toEqual([]);
    expect(bad.error).toMatchObject({ code: 'PF_ERR_SOURCE_FATAL' });
  });
});

describe('eco-canada crawl on an awkward site', () => {
  let edge: FixtureServer;
  beforeAll(async () => {
    edge = await serveFixtures(join(fixtures, 'edge-site'));
  });
  afterAll(async () => {
    await edge?.close();
  });

  it('follows real-origin links through the kit\'s origin map, stops a pagination loop and survives unreadable window.job data', async () => {
    const r = await runSource(source, { baseUrl: edge.origin, now: NOW });
    expect(r.error).toBeUndefined();
    // No robots.txt (404): everything allowed. The real origin's links were moved onto the fixture server.
    expect(r.requests.every((q) => q.url.startsWith(edge.origin))).toBe(true);
    expect(paths(r)).toEqual(['/robots.txt', '/jobs', '/jobs/501', '/jobs?page=2', '/jobs/502']);
    // window.job written as a JavaScript literal (not JSON) is never evaluated: the card is used instead.
    expect(r.postings).toEqual([
      {
        title: 'Wetland Restoration Assistant',
        companyName: 'Marsh Keepers',
        originalUrl: `${edge.origin}/jobs/501`,
        externalId: '501',
        description: '',
        city: 'Brandon',
        province: 'MB',
      },
    ]);
    const warnings = r.logs.filter((l) => l.level === 'warn').map((l) => l.msg);
    expect(warnings).toEqual([
      expect.stringMatching(/window\.job could not be read \(window\.job is not valid JSON/),
      expect.stringMatching(/Job skipped: job 502: no employer name/),
    ]);
  });
});

describe('eco-canada re-crawls and an empty listing', () => {
  const listingPaths = ['/robots.txt', '/jobs', '/jobs?page=2'];

  it('reads only robots.txt and the listing when nothing changed, reporting every job still listed', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const again = await runSource(source, { baseUrl: server.origin, previous: first, state: first.state });
    expect(again.error).toBeUndefined();
    // 48278 (404) was marked skipped: while its card reads the same, its page is not asked again.
    expect(first.known['48278']).toMatchObject({ skipped: 'job page gone (HTTP 404/410) or refused' });
    expect(paths(again)).toEqual(listingPaths);
    expect(again.postings).toEqual([]);
    expect([...again.stillListed].sort()).toEqual([...first.postings.map((p) => p.externalId), '48278'].sort());
  });

  it('re-reads the job whose card changed; a job gone from the listing is not reported', async () => {
    const { readFile } = await import('node:fs/promises');
    const routes = JSON.parse(await readFile(join(fixtures, 'site', 'routes.json'), 'utf8')) as { path: string; query?: Record<string, string> }[];
    const page1 = (await readFile(join(fixtures, 'site', 'jobs.html'), 'utf8')).replace('Junior Environmental Technologist', 'Junior Environmental Technologist (Lab)');
    const detail = (await readFile(join(fixtures, 'site', 'jobs', '48231.html'), 'utf8')).replaceAll('Junior Environmental Technologist', 'Junior Environmental Technologist (Lab)');
    const page2 = (await readFile(join(fixtures, 'site', 'jobs-page-2.html'), 'utf8')).replace(/<div class="job-listings-item"[^>]*data-id="48266"[\s\S]*?<\/h3>[\s\S]*?<\/div>\s*<\/div>/, '');
    const changed = await serveFixtures(join(fixtures, 'site'), {
      routes: [
        { path: '/jobs', text: page1, contentType: 'text/html' },
        { path: '/jobs', query: { page: '2' }, text: page2, contentType: 'text/html' },
        { path: '/jobs/48231', text: detail, contentType: 'text/html' },
        ...routes.filter((r) => r.path !== '/jobs'),
      ],
    });
    try {
      const first = await runSource(source, { baseUrl: server.origin, now: NOW });
      const r = await runSource(source, { baseUrl: changed.origin, previous: first, state: first.state });
      expect(r.error).toBeUndefined();
      expect(paths(r)).toContain('/jobs/48231');
      expect(r.postings.map((p) => [p.externalId, p.title])).toEqual([['48231', 'Junior Environmental Technologist (Lab)']]);
      expect(r.stillListed).not.toContain('48231');
      expect(r.stillListed).not.toContain('48266');
      expect(r.stillListed).toHaveLength(7); // six stored jobs and the skipped 48278
    } finally {
      await changed.close();
    }
  });

  it('yields nothing, without an error, from a listing without cards', async () => {
    const empty = await serveFixtures(join(fixtures, 'site'), {
      routes: [{ path: '/jobs', text: '<html><body><div class="job-listings"><p>No jobs found</p></div></body></html>', contentType: 'text/html' }],
    });
    try {
      const r = await runSource(source, { baseUrl: empty.origin, now: NOW });
      expect(r.error).toBeUndefined();
      expect(r.postings).toEqual([]);
      expect(paths(r)).toEqual(['/robots.txt', '/jobs']);
    } finally {
      await empty.close();
    }
  });
});
