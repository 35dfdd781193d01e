import { beforeAll, describe, expect, it } from 'vitest';
import { hasPhrase } from '../../src/search/build-search-sql.js';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';

// A small cap, so a dozen jobs are "more than the count goes to" (the default is 500).
const CAP = 5;
const PHRASE_CAP = 2;
const RANK_WINDOW = 3;
// The answer cache is off: a test adds a job mid-way and must not meet an answer from before it.
const t = useTestApp({ services: { searchCache: false, searchLimits: { totalCap: CAP, phraseTotalCap: PHRASE_CAP, rankWindow: RANK_WINDOW } } });

const DAY = 86_400_000;
const base = Date.parse('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(base + days * DAY).toISOString();

/** Twelve "welder" jobs, one a day (index 0 the newest); every third has the word in its title, the others only in the text. */
const WELDERS = 12;

beforeAll(async () => {
  const civic = await seedSource(t.app, { name: 'Civic', pluginId: 'civic' });
  const desk = await seedSource(t.app, { name: 'Desk', sourceType: 'manual' });
  await seedJobs(t.app, civic, Array.from({ length: WELDERS }, (_, i) => posting({
    title: i % 3 === 2 ? `Welder Apprentice ${i}` : `Shop Assistant ${i}`,
    description: i % 3 === 2 ? 'Join the shop floor.' : 'Help our welder team on the shop floor.',
    datePosted: at(-i),
    applicationDeadline: i % 4 === 0 ? undefined : at(30 - i),
    province: i % 2 === 0 ? 'ON' : 'QC',
    jobType: i % 3 === 0 ? 'internship' : 'coop',
  })));
  // Three "glazier" jobs: under the cap, so counted and ranked whole. The oldest has the word in its title.
  await seedJobs(t.app, desk, [
    posting({ title: 'Glass Helper', description: 'Assist our glazier.', datePosted: at(-1), province: 'BC' }),
    posting({ title: 'Window Fitter', description: 'Work beside a glazier.', datePosted: at(-2), province: 'BC' }),
    posting({ title: 'Glazier Co-op', description: 'Cut and fit glass.', datePosted: at(-20), province: 'AB' }),
  ]);
});

interface Item { id: string; title: string; score?: number; datePosted: string; province: string | null }
interface Body { items: Item[]; nextCursor: string | null; total: number; totalIsExact: boolean; facets: Record<string, { value: string; count: number }[]> }

const get = async (query: string): Promise<Body> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every page of a search, following `nextCursor`. */
async function allPages(query: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const body: Body = await get(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('paging did not end');
}

/** The ids of the active jobs matching `q`, straight from the database. */
async function matchingIds(q: string): Promise<string[]> {
  const rows = await sql(t.app, "select id from jobs where is_active and search_vector @@ websearch_to_tsquery('english', ?)", [q]) as { id: string }[];
  return rows.map((r) => r.id).sort();
}

describe('search totals past the cap', () => {
  it('counts exactly under the cap: total, totalIsExact and facets are those of every match', async () => {
    const body = await get('?q=glazier');
    expect(body.total).toBe(3);
    expect(body.totalIsExact).toBe(true);
    expect(body.facets.province).toEqual([{ value: 'BC', count: 2 }, { value: 'AB', count: 1 }]);
  });

  it('past the cap says "at least": total is the cap, and each facet count is a lower bound that adds up to it', async () => {
    const body = await get('?q=welder');
    expect(await matchingIds('welder')).toHaveLength(WELDERS);
    expect(body.totalIsExact).toBe(false);
    expect(body.total).toBe(CAP);
    // The facets count CAP of the twelve matches: per facet the buckets add up to the cap, and none
    // exceeds the real count (6 in ON, 6 in QC; 4 internships, 8 co-ops).
    const sum = (list: { count: number }[]) => list.reduce((n, b) => n + b.count, 0);
    expect(sum(body.facets.province)).toBe(CAP);
    expect(sum(body.facets.jobType)).toBe(CAP);
    for (const b of body.facets.province) expect(b.count).toBeLessThanOrEqual(6);
    for (const b of body.facets.jobType) expect(b.count).toBeLessThanOrEqual(b.value === 'internship' ? 4 : 8);
  });

  it('a browse without q over more jobs than the cap is not exact either', async () => {
    const body = await get('');
    expect(body).toMatchObject({ total: CAP, totalIsExact: false });
    const exactly = await get('?province=BC');
    expect(exactly).toMatchObject({ total: 2, totalIsExact: true });
  });

  // A phrase's matches are confirmed by reading each job that has its words, so it counts fewer.
  it('counts a quoted phrase up to its own, smaller cap, and pages on to every match', async () => {
    const phrase = '"welder team"';
    expect(await matchingIds(phrase)).toHaveLength(8);
    expect(await get(`?q=${encodeURIComponent(phrase)}`)).toMatchObject({ total: PHRASE_CAP, totalIsExact: false });
    // The same words unquoted, or the phrase excluded: the usual cap.
    expect(await get('?q=welder%20team')).toMatchObject({ total: CAP, totalIsExact: false });
    expect(await get(`?q=${encodeURIComponent('welder -"welder team"')}`)).toMatchObject({ total: 4, totalIsExact: true });
    // Under the phrase cap the count is exact.
    expect(await get(`?q=${encodeURIComponent('"cut and fit"')}`)).toMatchObject({ total: 1, totalIsExact: true });
    const ids = (await allPages(`?q=${encodeURIComponent(phrase)}&limit=3`)).map((i) => i.id);
    expect([...ids].sort()).toEqual(await matchingIds(phrase));
  });

  it.each([
    ['"supply chain"', true], ['"supply chain" analyst -intern', true], ['"data  analyst', true], ['"co-op"', true],
    ['supply chain', false], ['"python"', false], ['nurse -"night shift"', false], ['nurse - "night shift"', false], ['', false],
  ])('hasPhrase(%j) is %s', (q, expected) => {
    expect(hasPhrase(q)).toBe(expected);
  });

  it.each(['sort=relevance', 'sort=newest', 'sort=deadline'])('paging by 2 with %s past the cap reaches every match exactly once', async (sort) => {
    const items = await allPages(`?q=welder&${sort}&limit=2`);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(await matchingIds('welder'));
  });

  it('past the cap, relevance ranks the newest matches (the rank window) and lists the older ones after them, newest first', async () => {
    const items = await allPages('?q=welder&limit=4');
    const newestFirst = [...items].sort((a, b) => b.datePosted.localeCompare(a.datePosted));
    const window = newestFirst.slice(0, RANK_WINDOW);
    // The ranked part: the window's jobs, best score first (the title match), newest first among equals.
    const ranked = [...window].sort((a, b) => b.score! - a.score! || b.datePosted.localeCompare(a.datePosted));
    expect(items.slice(0, RANK_WINDOW).map((i) => i.id)).toEqual(ranked.map((i) => i.id));
    expect(items[0]!.title).toMatch(/^Welder/);
    // The rest: every older match, newest first, whatever its score (some have the word in the title).
    expect(items.slice(RANK_WINDOW).map((i) => i.id)).toEqual(newestFirst.slice(RANK_WINDOW).map((i) => i.id));
    expect(items.slice(RANK_WINDOW).some((i) => i.title.startsWith('Welder'))).toBe(true);
  });

  it('under the cap, relevance ranks every match: the old title match comes first', async () => {
    const body = await get('?q=glazier');
    expect(body.items.map((i) => i.title)).toEqual(['Glazier Co-op', 'Glass Helper', 'Window Fitter']);
    expect(body.items[0]!.score).toBeGreaterThan(body.items[1]!.score!);
  });

  it('keeps the first page\'s ranked window on later pages, even after a newer match arrives', async () => {
    const first = await get('?q=welder&limit=2');
    const src = await seedSource(t.app, { name: 'Late', pluginId: 'late' });
    const [late] = await seedJobs(t.app, src, [posting({ title: 'Welder Trainee', description: 'Learn the trade.', datePosted: at(1) })]);
    try {
      const rest: Item[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await get(`?q=welder&limit=2&cursor=${encodeURIComponent(cursor)}`);
        rest.push(...page.items);
        cursor = page.nextCursor;
      }
      const seen = [...first.items, ...rest].map((i) => i.id);
      // Every job of the first page's search once; the new one may or may not show up, but only once.
      expect(new Set(seen).size).toBe(seen.length);
      const before = (await matchingIds('welder')).filter((id) => id !== late);
      expect(before.every((id) => seen.includes(id))).toBe(true);
    } finally {
      await sql(t.app, 'update jobs set is_active = false where id = ?', [late]);
    }
  });

  it('refuses a forged bound in a cursor with a 400', async () => {
    const forged = (b: unknown, s = 'relevance') =>
      Buffer.from(JSON.stringify({ s, k: '0.1|2026-03-01T12:00:00.000000Z', i: 'abc', b })).toString('base64url');
    for (const [b, s] of [[['not a time', 'abc'], 'relevance'], [['2026-03-01T12:00:00.000000Z', 'bad id!'], 'relevance'], ['x', 'relevance'],
      [['2026-03-01T12:00:00.000000Z', 'abc', 'extra'], 'relevance']] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs?q=welder&sort=${s}&cursor=${forged(b, s)}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('PF_ERR_BAD_CURSOR');
    }
    const newest = Buffer.from(JSON.stringify({ s: 'newest', k: '2026-03-01T12:00:00.000000Z', i: 'abc', b: ['2026-03-01T12:00:00.000000Z', 'abc'] })).toString('base64url');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs?q=welder&sort=newest&cursor=${newest}` });
    expect(res.statusCode).toBe(400);
  });
});
