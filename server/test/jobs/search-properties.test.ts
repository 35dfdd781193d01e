import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';
import { ApiError } from '../../src/http/api-error.js';
import { decodeCursor, decodeListCursor } from '../../src/search/search-cursor.js';
import { parseDateFilter, SEARCH_SORTS, type JobSearchFilters } from '../../src/search/search-filters.js';
import { toSearchQuery } from '../../src/search/search-query.js';

// (testConfig turns the per-client search limit off: this file sends hundreds of searches from one address.)
const t = useTestApp();

beforeAll(async () => {
  const source = await seedSource(t.app, { name: 'Props', pluginId: 'props' });
  await seedJobs(t.app, source, [
    posting({ title: 'Data Engineer Co-op', applicationDeadline: '2026-09-01T00:00:00Z' }),
    posting({ title: 'Design Intern', jobType: 'internship', province: 'QC', city: 'Montréal' }),
    posting({ title: 'Analyst New Grad', jobType: 'new_grad', locationType: 'remote', city: undefined, province: undefined }),
  ]);
});

/** A parser may accept or refuse with a 4xx ApiError; anything else would be a 500. */
function acceptOr4xx<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).statusCode).toBeGreaterThanOrEqual(400);
    expect((e as ApiError).statusCode).toBeLessThan(500);
    return undefined;
  }
}

/** Postgres itself casts the value as the search SQL does: an accepted value must never be refused there. */
async function castsInPostgres(value: unknown, type: 'real' | 'timestamptz'): Promise<void> {
  await sql(t.app, `select ?::${type} as v`, [value]);
}

/** The sort a base64url JSON cursor names, if it names a real one. */
function sortNamedIn(raw: string): (typeof SEARCH_SORTS)[number] | undefined {
  try {
    const s = (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { s?: unknown } | null)?.s;
    return SEARCH_SORTS.find((sort) => sort === s);
  } catch {
    return undefined;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Numbers as a client could print them: any double (tiny, huge, negative zero), plus hand-typed text.
const rankText = fc.oneof(
  fc.double().map(String),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => `${m}e${e}`),
  fc.string({ maxLength: 30 }),
);
// Years weighted to the edges, where offsets carry an instant into another year.
const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 1899, 1900, 1901, 9998, 9999));
const month = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 12 }), weight: 4 }, { arbitrary: fc.constantFrom(0, 1, 12, 13), weight: 1 });
const day = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 28 }), weight: 3 }, { arbitrary: fc.constantFrom(0, 1, 29, 30, 31, 32), weight: 2 });
const clock = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }));
// Cursor time keys: well-formed ones over every year and impossible dates, and noise.
const timeKey = fc.oneof(
  { arbitrary: fc.tuple(year, month, day, clock, fc.integer({ min: 0, max: 999_999 }))
    .map(([y, mo, d, [h, mi, s], us]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(us, 6)}Z`), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);
const cursorId = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), weight: 4 }, { arbitrary: fc.string({ maxLength: 80 }), weight: 1 });
const sortName = fc.oneof({ arbitrary: fc.constantFrom(...SEARCH_SORTS), weight: 6 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
// Mostly well-formed cursors with one part forged, so the checks behind the format are reached.
const cursorObject = fc.record({
  s: sortName,
  k: fc.oneof(
    { arbitrary: fc.tuple(rankText, timeKey).map(([r, p]) => `${r}|${p}`), weight: 4 },
    { arbitrary: timeKey, weight: 3 },
    { arbitrary: fc.constantFrom('infinity', '|', ''), weight: 1 },
    { arbitrary: rankText, weight: 1 },
  ),
  i: cursorId,
  // A relevance cursor's bound (where the ranked part ended): a time key and an id, or anything else.
  b: fc.oneof({ arbitrary: fc.tuple(timeKey, cursorId), weight: 3 }, { arbitrary: fc.jsonValue(), weight: 1 }),
}, { requiredKeys: [] });
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rawCursor = fc.oneof(
  { arbitrary: cursorObject.map(encode), weight: 6 },
  { arbitrary: fc.jsonValue().map(encode), weight: 1 },
  { arbitrary: fc.string({ maxLength: 400 }), weight: 1 },
  { arbitrary: fc.base64String({ maxLength: 400 }), weight: 1 },
);

// Any day, or one at the edge of the years accepted, where an offset moves the instant into the next or previous year.
const calendarDay = fc.oneof(
  { arbitrary: fc.tuple(year, month, day).map(([y, mo, d]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`), weight: 3 },
  { arbitrary: fc.constantFrom('9999-12-31', '1900-01-01', '0001-01-01', '0000-01-01', '1899-12-31', '2024-02-29', '2026-02-29'), weight: 2 },
);
// Dates as a client could type them: every year 0000–9999, impossible days, every offset, spaces and lower case.
const dateText = fc.oneof(
  { arbitrary: fc.tuple(calendarDay, clock, fc.constantFrom('', 'Z', 'z', '+', '-', '-', '+'), fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }), fc.constantFrom('T', 't', ' '), fc.boolean(),
  ).map(([date, [h, mi, s], sign, oh, om, sep, dateOnly]) => {
    if (dateOnly) return date;
    const offset = sign === '+' || sign === '-' ? `${sign}${pad(oh, 2)}:${pad(om, 2)}` : sign;
    return `${date}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${offset}`;
  }), weight: 5 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

describe('search parsers (property-based)', () => {
  it('a date filter is either refused or a date Postgres takes, whatever the text', async () => {
    await fc.assert(fc.asyncProperty(dateText, async (text) => {
      const date = parseDateFilter(text);
      if (date === undefined) return;
      expect(Number.isNaN(date.getTime())).toBe(false);
      await castsInPostgres(date, 'timestamptz');
    }), { numRuns: 1000 });
  });

  it('a search cursor is either a 400 or a position whose values Postgres casts back', async () => {
    await fc.assert(fc.asyncProperty(rawCursor, fc.constantFrom(...SEARCH_SORTS), async (raw, otherSort) => {
      // Ask for the cursor's own sort when it names one, so the key checks are reached.
      const named = sortNamedIn(raw);
      const sort = named ?? otherSort;
      const cursor = acceptOr4xx(() => decodeCursor(raw, sort));
      if (!cursor) return;
      if (sort === 'relevance') {
        const [rank, posted] = cursor.key.split('|');
        await castsInPostgres(rank, 'real');
        await castsInPostgres(posted, 'timestamptz');
        if (cursor.bound) await castsInPostgres(cursor.bound.key, 'timestamptz');
      } else {
        expect(cursor.bound).toBeUndefined();
        if (cursor.key !== 'infinity') await castsInPostgres(cursor.key, 'timestamptz');
      }
    }), { numRuns: 1000 });
  });

  it.each(['1e-50', '1e-324', '-5e-40', '1e39'])('the crafted relevance cursor rank %s (a float4 underflow or overflow) is a 400', (rank) => {
    const raw = encode({ s: 'relevance', k: `${rank}|2026-01-01T00:00:00.000000Z`, i: 'abc' });
    expect(() => decodeCursor(raw, 'relevance')).toThrow(expect.objectContaining({ statusCode: 400, code: 'PF_ERR_BAD_CURSOR' }));
  });

  it.each(['0', '-0', '0.0e5', '0.1', '1.5e-20'])('a relevance cursor rank of %s is accepted', (rank) => {
    expect(decodeCursor(encode({ s: 'relevance', k: `${rank}|2026-01-01T00:00:00.000000Z`, i: 'abc' }), 'relevance').key).toMatch(/^\S+\|/);
  });

  it('a list cursor is either a 400 or a time Postgres takes', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.record({ k: timeKey, i: cursorId }).map(encode), fc.string({ maxLength: 100 })), async (raw) => {
      const cursor = acceptOr4xx(() => decodeListCursor(raw));
      if (cursor) await castsInPostgres(cursor.key, 'timestamptz');
    }), { numRuns: 200 });
  });

  it('the search request parser accepts or answers 4xx for any filters the schema lets through', () => {
    const filters = fc.record({
      q: fc.string({ maxLength: 200 }),
      deadlineAfter: dateText,
      postedAfter: dateText,
      sort: fc.constantFrom(...SEARCH_SORTS),
      limit: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double()),
      cursor: rawCursor,
      city: fc.string({ maxLength: 120 }),
      majors: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
      includeArchived: fc.boolean(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(filters, fc.boolean(), (f, isAdmin) => {
      const query = acceptOr4xx(() => toSearchQuery(f as JobSearchFilters, { isAdmin, signedIn: isAdmin }));
      if (!query) return;
      expect(Number.isSafeInteger(query.limit) && query.limit >= 1 && query.limit <= 100).toBe(true);
      for (const d of [query.deadlineAfter, query.postedAfter]) {
        if (d) expect(d.getUTCFullYear()).toBeGreaterThanOrEqual(1900), expect(d.getUTCFullYear()).toBeLessThanOrEqual(9999);
      }
    }), { numRuns: 1000 });
  });
});

describe('GET /api/v1/jobs with generated query strings', () => {
  const param = fc.oneof(
    fc.constantFrom('q', 'jobType', 'term', 'locationType', 'province', 'city', 'source', 'withPay', 'deadlineAfter', 'postedAfter',
      'majors', 'skills', 'remoteCanada', 'sort', 'limit', 'cursor', 'includeArchived'),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom('Infinity', '-Infinity', '1e999', 'NaN', '1e-50', '0', '-1', '100', '101', '9007199254740993', 'true', 'relevance', 'ON', 'remote'),
    fc.double().map(String),
    dateText,
    rawCursor,
  );
  const query = fc.array(fc.tuple(param, value), { maxLength: 6 });

  it('never answers 5xx, and every error has the one shape', async () => {
    await fc.assert(fc.asyncProperty(query, async (pairs) => {
      const qs = new URLSearchParams(pairs).toString();
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs${qs ? `?${qs}` : ''}` });
      expect(res.statusCode, `${qs} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode >= 400) {
        const body = res.json();
        expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'error', 'message', 'statusCode']));
        expect(body.statusCode).toBe(res.statusCode);
      }
    }), { numRuns: 300 });
  });

  it.each([
    '?limit=Infinity', '?limit=1e999', '?limit=-Infinity',
    '?deadlineAfter=9999-12-31T23:59:59-14:00', '?postedAfter=1900-01-01T00:00:00%2B14:00',
    `?q=x&cursor=${encode({ s: 'relevance', k: '1e-50|2026-01-01T00:00:00.000000Z', i: 'abc' })}`,
  ])('answers the crafted %s with a 400 in the one error shape', async (qs) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs${qs}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: expect.stringMatching(/^PF_ERR_/) });
  });

  it('POST /jobs/search refuses 1e999 in a JSON body (JSON.parse makes it Infinity)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', headers: { 'content-type': 'application/json' }, payload: '{"limit": 1e999}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PF_ERR_VALIDATION');
  });
});
