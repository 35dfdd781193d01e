/**
 * The MaRS source through the SDK test kit: two fixture servers (the board at baseUrl, the Getro
 * API mapped with originMap), the source contract, the golden file, and targeted field checks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobPosting, RequestRecord } from '@pathfinder/sdk';
import { assertSourceContract, runSource, serveFixtures, type FixtureServer, type RunSourceResult } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mars from '../src/index.js';

const site = (p: string) => fileURLToPath(new URL(`./fixtures/site/${p}`, import.meta.url));
const GOLDEN = fileURLToPath(new URL('./fixtures/golden.json', import.meta.url));
const NOW = '2026-02-01T12:00:00Z';
const SEARCH_PATH = '/api/v2/collections/383/search/jobs';

interface FixtureJob { id: number; seniority: string; title: string }
const recorded: FixtureJob[] = [0, 1, 2].flatMap((n) =>
  (JSON.parse(readFileSync(site(`api/search-page-${n}.json`), 'utf8')) as { results: { jobs: FixtureJob[] } }).results.jobs);
const idsOf = (seniorities: string[]) => new Set(recorded.filter((j) => seniorities.includes(j.seniority)).map((j) => String(j.id)));

let board: FixtureServer;
let api: FixtureServer;
let run: RunSourceResult;
let byId: Map<string, JobPosting>;
/** What the API server saw during the two contract runs (later tests add more). */
let contractSearches: FixtureServer['requests'];

const options = () => ({
  baseUrl: board.origin,
  originMap: { 'https://api.getro.com': api.origin },
  now: NOW,
});

beforeAll(async () => {
  board = await serveFixtures(site('board'));
  api = await serveFixtures(site('api'));
  run = await assertSourceContract(mars, { ...options(), golden: GOLDEN, minPostings: 10 });
  byId = new Map(run.postings.map((p) => [p.externalId as string, p]));
  contractSearches = api.requests.filter((r) => r.url === SEARCH_PATH);
});

afterAll(async () => {
  await board?.close();
  await api?.close();
});

describe('mars through the test kit', () => {
  it('honours the source contract and matches the golden file', () => {
    // assertSourceContract (beforeAll) threw on any violation; this pins what it returned.
    expect(run.error).toBeUndefined();
    expect(run.invalid).toEqual([]);
    expect(run.postings).toHaveLength(idsOf(['internship', 'entry']).size);
  });

  it('yields every internship and entry job once, and no mid_senior or director job', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(25);
    const ids = run.postings.map((p) => p.externalId);
    expect(new Set(ids).size).toBe(ids.length); // the job repeated on page 1 came out once
    expect(new Set(ids)).toEqual(idsOf(['internship', 'entry']));
    for (const id of idsOf(['mid_senior', 'director'])) expect(byId.has(id)).toBe(false);
    for (const p of run.postings) expect(p.title).not.toMatch(/^(Director|VP|Head|Chief|Principal|Staff)\b/);
  });

  it('types internships as internship and entry roles as new_grad', () => {
    for (const j of recorded) {
      const p = byId.get(String(j.id));
      if (j.seniority === 'internship') expect(p?.jobType).toBe('internship');
      if (j.seniority === 'entry') expect(p?.jobType).toBe('new_grad');
    }
    // A senior-sounding title tagged entry is still yielded: the pipeline's senior filter decides.
    expect(byId.get('41230018')).toMatchObject({ title: 'Senior Associate, Lab Operations', jobType: 'new_grad' });
  });

  it('maps the search fields and links the stable board page, never the ATS url', () => {
    expect(byId.get('41230001')).toMatchObject({
      title: 'Software Engineering Intern (Summer 2026)',
      companyName: 'Northwind Robotics',
      originalUrl: `${board.origin}/companies/northwind-robotics/jobs/41230001-software-engineering-intern-summer-2026`,
      datePosted: '2026-01-21T01:00:00.000Z',
      locationType: 'onsite',
      city: 'Toronto',
      province: 'ON',
      withPay: true,
      salaryMin: 24,
      salaryMax: 28,
      salaryPeriod: 'hour',
      requiredSkills: ['Python', 'ROS', 'C++'],
    });
    for (const p of run.postings) expect(p.originalUrl.startsWith(`${board.origin}/companies/`)).toBe(true);
    expect(byId.get('41230011')).toMatchObject({ title: 'Biotech Research Co-op Student (Fall 2026)', city: 'Montréal', province: 'QC', salaryMin: 20, salaryMax: 20, salaryPeriod: 'hour' });
    expect(byId.get('41230003')).toMatchObject({ locationType: 'hybrid', city: 'Waterloo', salaryMin: 60000, salaryMax: 70000, salaryPeriod: 'year' });
    expect(byId.get('41230012')).toMatchObject({ locationType: 'remote', city: 'Ottawa', province: 'ON', requiredSkills: ['AWS', 'Splunk'] });
  });

  it('sets no pay for hidden compensation, only withPay for USD or monthly figures', () => {
    const hidden = byId.get('41230005')!;
    expect(hidden).toMatchObject({ locationType: 'remote' });
    for (const k of ['withPay', 'salaryMin', 'salaryMax', 'salaryPeriod', 'city', 'province']) expect(hidden).not.toHaveProperty(k);
    const usd = byId.get('41230007')!;
    expect(usd).toMatchObject({ withPay: true, city: 'Toronto', province: 'ON' }); // New York listed first
    expect(usd).not.toHaveProperty('salaryMin');
    const monthly = byId.get('41230014')!;
    expect(monthly).toMatchObject({ withPay: true });
    expect(monthly).not.toHaveProperty('salaryPeriod');
    const usOnly = byId.get('41230020')!;
    expect(usOnly).not.toHaveProperty('province');
    expect(usOnly).not.toHaveProperty('locationType');
  });

  it('takes descriptions from the board pages\' JSON-LD only', () => {
    expect(byId.get('41230001')?.description).toContain('autonomous forklifts');
    expect(byId.get('41230001')?.descriptionHtml).toContain('<li>');
    expect(byId.get('41230005')?.description).toContain('quantum hardware'); // entity-escaped HTML
    expect(byId.get('41230005')?.description).not.toMatch(/&lt;|<p>/);
    expect(byId.get('41230024')?.description).toContain('home-battery'); // inside an @graph
    expect(byId.get('41230003')?.description).toContain('Tableau'); // after a broken JSON-LD block
    expect(byId.get('41230012')?.descriptionHtml).not.toContain('script');
    expect(byId.get('41230011')?.description).not.toMatch(/o:p|MsoNormal/);
    // A page without JSON-LD gives nothing, though its hashed markup shows the title.
    expect(byId.get('41230020')).toMatchObject({ description: '' });
    expect(byId.get('41230020')).not.toHaveProperty('descriptionHtml');
  });

  it('keeps the search data of a job whose board page is gone (404), asking for it once', () => {
    expect(byId.get('41230008')).toMatchObject({
      title: 'Marketing Coordinator', companyName: 'Aurora Grid Energy', jobType: 'new_grad',
      city: 'Calgary', province: 'AB', locationType: 'hybrid', description: '',
    });
    expect(byId.get('41230008')).not.toHaveProperty('descriptionHtml');
    const gone = run.requests.filter((r) => r.url.includes('/jobs/41230008-'));
    expect(gone.map((r) => r.status)).toEqual([404]);
    expect(run.logs.some((l) => l.level === 'warn' && /unavailable/.test(l.msg))).toBe(true);
  });

  it('pages the search API 0, 1, 2 and stops on the empty page 2 (count 27 was never reached)', () => {
    const pages = run.requests.filter((r) => r.url.endsWith(SEARCH_PATH)).map((r) => r.method);
    expect(pages).toEqual(['POST', 'POST', 'POST']);
    const bodies = contractSearches.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    // Two contract runs: pages 0,1,2 each time.
    expect(bodies.map((b) => b.page)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(bodies[0]).toEqual({ hitsPerPage: 20, page: 0, query: '', filters: {} });
  });

  it('sends Content-Type and Accept application/json (Getro answers 406 without Accept)', () => {
    expect(contractSearches.length).toBeGreaterThan(0);
    for (const r of contractSearches) {
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers.accept).toMatch(/^application\/json/);
      expect(r.headers['user-agent']).toMatch(/^PathfinderBot\//);
    }
  });

  it('the API fixture enforces Getro\'s rule: 406 without Accept: application/json', async () => {
    const search = (headers: Record<string, string>) =>
      fetch(`${api.origin}${SEARCH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ page: 0, query: '' }) });
    expect((await search({})).status).toBe(406);
    expect((await search({ accept: 'text/html' })).status).toBe(406);
    expect((await search({ accept: 'application/json' })).status).toBe(200);
  });

  it('reads robots.txt first on each host and spaces requests 5 s apart per host', () => {
    const hosts = new Map<string, RequestRecord[]>();
    for (const r of run.requests) hosts.set(r.host, [...(hosts.get(r.host) ?? []), r]);
    expect([...hosts.keys()].sort()).toEqual([new URL(board.origin).host, new URL(api.origin).host].sort());
    for (const list of hosts.values()) {
      expect(list[0].kind).toBe('robots');
      for (let i = 1; i < list.length; i++) expect(list[i].startedAt - list[i - 1].endedAt).toBeGreaterThanOrEqual(5000);
    }
    // The delay is per host: the first board request does not wait 5 s after the last API request.
    const lastSearch = run.requests.filter((r) => r.url.endsWith(SEARCH_PATH)).at(-1)!;
    const boardRobots = hosts.get(new URL(board.origin).host)![0];
    expect(boardRobots.startedAt - lastSearch.endedAt).toBeLessThan(5000);
  });

  it('fetches no board page when fetchDescriptions is false', async () => {
    const before = board.requests.length;
    const quick = await runSource(mars, { ...options(), config: { fetchDescriptions: false } });
    expect(quick.error).toBeUndefined();
    expect(quick.postings.map((p) => p.externalId)).toEqual(run.postings.map((p) => p.externalId));
    expect(quick.postings.every((p) => p.description === '')).toBe(true);
    expect(board.requests.length).toBe(before);
  });

  it('can widen the seniorities through config', async () => {
    const wide = await runSource(mars, { ...options(), config: { seniorities: ['internship', 'entry', 'mid_senior'], fetchDescriptions: false } });
    expect(new Set(wide.postings.map((p) => p.externalId))).toEqual(idsOf(['internship', 'entry', 'mid_senior']));
    expect(wide.postings.find((p) => p.externalId === '41230002')?.jobType).toBeUndefined();
  });
});

describe('incremental re-crawls (SDK 1.1: ctx.once, ctx.isFresh, ctx.stillListed, conditional board pages)', () => {
  const DAY = 86_400_000;
  const boardPages = (r: RunSourceResult) => r.requests.filter((q) => q.url.startsWith(board.origin) && !q.url.endsWith('/robots.txt'));

  it('reads only robots.txt and the search API when nothing changed, and reports every job still listed', async () => {
    const first = await runSource(mars, options());
    // The search results read as in the first run (ctx.state.results): no board page needed.
    const again = await runSource(mars, { ...options(), now: undefined, previous: first, state: first.state });
    expect(again.error).toBeUndefined();
    expect(boardPages(again)).toEqual([]);
    expect(again.requests.every((q) => q.url.endsWith('/robots.txt') || q.url.endsWith(SEARCH_PATH))).toBe(true);
    expect(again.postings).toEqual([]);
    expect([...again.stillListed].sort()).toEqual(first.postings.map((p) => p.externalId).sort());
  });

  it('re-reads every board page (conditionally) once the stored jobs are older than the max age', async () => {
    const first = await runSource(mars, options());
    const later = new Date(Date.parse(NOW) + 8 * DAY).toISOString();
    const again = await runSource(mars, { ...options(), now: later, previous: first });
    expect(again.error).toBeUndefined();
    expect(boardPages(again)).toHaveLength(boardPages(first).length);
    expect(again.stillListed.length).toBeGreaterThan(0);
  });
});

describe('an empty listing', () => {
  it('yields nothing, without an error, when the search API answers no job (the engine then archives nothing)', async () => {
    const SEARCH = '/api/v2/collections/383/search/jobs';
    const emptyApi = await serveFixtures(site('api'), {
      routes: [{ method: 'POST', path: SEARCH, text: JSON.stringify({ results: { jobs: [], count: 0 }, meta: {} }), contentType: 'application/json' }],
    });
    try {
      const r = await runSource(mars, { ...options(), originMap: { 'https://api.getro.com': emptyApi.origin } });
      expect(r.error).toBeUndefined();
      expect(r.postings).toEqual([]);
      expect(r.incomplete).toEqual([]);
      expect(r.requests.filter((q) => q.url.startsWith(board.origin) && !q.url.endsWith('/robots.txt'))).toEqual([]);
    } finally {
      await emptyApi.close();
    }
  });
});
