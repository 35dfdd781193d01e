import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';

const t = useTestApp();
const ids: Record<string, string> = {};
let pluginSource: { id: string };
let manualSource: { id: string };

const DAY = 86_400_000;
const base = Date.parse('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(base + days * DAY).toISOString();

beforeAll(async () => {
  pluginSource = await seedSource(t.app, { name: 'Civic', pluginId: 'civic' });
  manualSource = await seedSource(t.app, { name: 'Manual desk', sourceType: 'manual' });
  const [a, b, c, d] = await seedJobs(t.app, pluginSource, [
    posting({ title: 'Civil Engineer Co-op', companyName: 'Bridges Inc', description: 'Design bridges.', datePosted: at(-1), city: 'Toronto', province: 'ON',
      applicationDeadline: at(30), requiredSkills: ['AutoCAD', 'Excel'], requiredMajors: ['Civil Engineering'] }),
    posting({ title: 'Marketing Intern', companyName: 'Brand Co', description: 'Work with our engineer team on launches.', datePosted: at(-2), city: 'Montréal', province: 'QC',
      applicationDeadline: at(10), jobType: 'internship', term: 'summer', withPay: false }),
    posting({ title: 'Data Analyst New Grad', companyName: 'Numbers Ltd', description: 'Analyse data. Remote anywhere in Canada.', datePosted: at(-3),
      locationType: 'remote', city: undefined, province: undefined, jobType: 'new_grad', requiredSkills: ['excel'] }),
    posting({ title: 'Software Engineering Intern', companyName: 'Code Co', description: 'Build services.', datePosted: at(-4), city: 'ottawa', province: 'ON',
      jobType: 'internship', term: 'fall' }),
  ]);
  Object.assign(ids, { civil: a, marketing: b, data: c, software: d });
  const [e] = await seedJobs(t.app, manualSource, [
    posting({ title: 'Lab Assistant Co-op', companyName: 'Science Org', description: 'Help in the lab.', datePosted: at(-5), city: 'Vancouver', province: 'BC' }),
  ]);
  ids.lab = e!;
  const [f] = await seedJobs(t.app, manualSource, [posting({ title: 'Archived Engineer Co-op', companyName: 'Gone Inc', datePosted: at(0), province: 'ON' })]);
  ids.archived = f!;
  await sql(t.app, "update jobs set is_active = false, archived_at = now(), archive_reason = 'no longer listed' where id = ?", [ids.archived]);
});

const get = async (query: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs${query}`, headers });
  return { status: res.statusCode, body: res.json() };
};
const titles = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

describe('GET /jobs', () => {
  it('lists active jobs, newest first, with total and facets over the filtered set', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    expect(titles(body)).toEqual(['Civil Engineer Co-op', 'Marketing Intern', 'Data Analyst New Grad', 'Software Engineering Intern', 'Lab Assistant Co-op']);
    expect(body.total).toBe(5);
    expect(body.nextCursor).toBeNull();
    expect(body.facets.jobType).toEqual([{ value: 'coop', count: 2 }, { value: 'internship', count: 2 }, { value: 'new_grad', count: 1 }]);
    expect(body.facets.province).toEqual([{ value: 'ON', count: 2 }, { value: 'BC', count: 1 }, { value: 'QC', count: 1 }]);
    expect(body.facets.source).toEqual([{ value: 'civic', label: 'Civic', count: 4 }, { value: manualSource.id, label: 'Manual desk', count: 1 }]);
    // Jobs without a term are in no bucket, like jobs without a province.
    expect(body.facets.term).toEqual([{ value: 'fall', count: 1 }, { value: 'summer', count: 1 }]);
    expect(body.facets.locationType).toEqual([{ value: 'onsite', count: 4 }, { value: 'remote', count: 1 }]);
    const first = body.items[0];
    expect(first).toMatchObject({
      id: ids.civil, companyName: 'Bridges Inc', jobType: 'coop', province: 'ON', city: 'Toronto', isActive: true,
      source: { id: pluginSource.id, name: 'Civic', pluginId: 'civic', sourceType: 'scraper' }, applyUrl: `/api/v1/jobs/${ids.civil}/apply`,
      datePosted: at(-1), applicationDeadline: at(30),
    });
    expect(first.snippet).toBe('Design bridges.');
    expect(first.score).toBeUndefined();
  });

  it('ranks a match in the title above one in the description (newest first among equals), and stems words', async () => {
    const { body } = await get('?q=engineer');
    // Two title matches (equal scores: the newer first), then the match in the description only.
    expect(titles(body)).toEqual(['Civil Engineer Co-op', 'Software Engineering Intern', 'Marketing Intern']);
    expect(body.items[1].score).toBeGreaterThan(body.items[2].score);
    expect(body.total).toBe(3);
    expect(body.facets.province).toEqual([{ value: 'ON', count: 2 }, { value: 'QC', count: 1 }]);
    expect(body.facets.term).toEqual([{ value: 'fall', count: 1 }, { value: 'summer', count: 1 }]);
  });

  it('counts every facet over the filtered set, the term filter included', async () => {
    const { body } = await get('?jobType=internship&term=fall');
    expect(titles(body)).toEqual(['Software Engineering Intern']);
    expect(body.facets).toEqual({
      jobType: [{ value: 'internship', count: 1 }],
      term: [{ value: 'fall', count: 1 }],
      province: [{ value: 'ON', count: 1 }],
      locationType: [{ value: 'onsite', count: 1 }],
      source: [{ value: 'civic', label: 'Civic', count: 1 }],
    });
    // The source facet's value is what the source filter takes, and its count is what that filter finds.
    const bySource = await get('?source=civic');
    expect(bySource.body.total).toBe(4);
    expect(bySource.body.facets.source).toEqual([{ value: 'civic', label: 'Civic', count: 4 }]);
    const manual = await get(`?source=${manualSource.id}`);
    expect(manual.body.total).toBe(1);
  });

  it('supports web-search syntax: phrases and exclusions', async () => {
    expect(titles((await get('?q=' + encodeURIComponent('engineer -marketing'))).body).sort()).toEqual(['Civil Engineer Co-op', 'Software Engineering Intern']);
    expect(titles((await get('?q=' + encodeURIComponent('"design bridges"'))).body)).toEqual(['Civil Engineer Co-op']);
  });

  it.each([
    ['?jobType=internship', ['Marketing Intern', 'Software Engineering Intern']],
    ['?jobType=internship&jobType=new_grad', ['Marketing Intern', 'Data Analyst New Grad', 'Software Engineering Intern']],
    ['?term=summer', ['Marketing Intern']],
    ['?locationType=remote', ['Data Analyst New Grad']],
    ['?province=ON', ['Civil Engineer Co-op', 'Software Engineering Intern']],
    ['?province=QC&province=BC', ['Marketing Intern', 'Lab Assistant Co-op']],
    ['?province=QC,BC', ['Marketing Intern', 'Lab Assistant Co-op']],
    ['?city=TORONTO', ['Civil Engineer Co-op']],
    ['?city=ottawa', ['Software Engineering Intern']],
    ['?source=civic&jobType=coop', ['Civil Engineer Co-op']],
    ['?withPay=false', ['Marketing Intern']],
    ['?remoteCanada=true', ['Data Analyst New Grad']],
    ['?skills=EXCEL', ['Civil Engineer Co-op', 'Data Analyst New Grad']],
    ['?majors=civil%20engineering', ['Civil Engineer Co-op']],
    ['?postedAfter=' + at(-2).slice(0, 10), ['Civil Engineer Co-op', 'Marketing Intern']],
    // Still open at that date: a later deadline or none at all.
    ['?deadlineAfter=' + at(20), ['Civil Engineer Co-op', 'Data Analyst New Grad', 'Software Engineering Intern', 'Lab Assistant Co-op']],
  ])('filters %s', async (query, expected) => {
    const { status, body } = await get(query);
    expect(status).toBe(200);
    expect(titles(body)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('filters by source id as well as plugin id', async () => {
    expect(titles((await get(`?source=${manualSource.id}`)).body)).toEqual(['Lab Assistant Co-op']);
    expect((await get('?source=nope')).body.total).toBe(0);
  });

  it('sorts by deadline, soonest first, jobs without one last', async () => {
    const { body } = await get('?sort=deadline');
    expect(titles(body).slice(0, 2)).toEqual(['Marketing Intern', 'Civil Engineer Co-op']);
    expect(body.items.slice(2).every((i: { applicationDeadline: string | null }) => i.applicationDeadline === null)).toBe(true);
  });

  it.each(['newest', 'deadline', 'relevance'])('pages through every job exactly once with the cursor (sort=%s)', async (sort) => {
    const q = sort === 'relevance' ? '&q=' + encodeURIComponent('engineer or data or lab or marketing') : '';
    const all = (await get(`?sort=${sort}${q}&limit=100`)).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { status, body } = await get(`?sort=${sort}${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.total).toBe(all.total);
      seen.push(...body.items.map((j: { id: string }) => j.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.items.map((j: { id: string }) => j.id));
    expect(seen.length).toBe(all.total);
  });

  it('POST /jobs/search takes the same filters as a JSON body', async () => {
    const viaGet = await get('?q=engineer&province=ON&limit=1');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: { q: 'engineer', province: ['ON'], limit: 1 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(viaGet.body);
    const next = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: { q: 'engineer', province: ['ON'], cursor: viaGet.body.nextCursor } });
    const both = [ids.civil, ids.software];
    expect(next.json().items.map((i: { id: string }) => i.id)).toEqual(both.filter((id) => id !== viaGet.body.items[0].id));
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: {} });
    expect(empty.json().total).toBe(5);
  });

  it.each([
    ['?limit=101', /limit/],
    ['?limit=0', /limit/],
    ['?limit=abc', /limit/],
    ['?jobType=senior', /jobType/],
    ['?province=ZZ', /province/],
    ['?sort=relevance', /relevance/],
    ['?sort=popular', /sort/],
    ['?postedAfter=2026-02-30', /real date/],
    ['?deadlineAfter=yesterday', /deadlineAfter/],
    ['?cursor=not-a-cursor', /cursor/],
    ['?q=' + 'x'.repeat(201), /q/],
  ])('answers %s with 400', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it('refuses a cursor made for another sort, and a forged one', async () => {
    const { body } = await get('?limit=1');
    expect((await get(`?sort=deadline&cursor=${body.nextCursor}`)).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ s: 'newest', k: "2026-01-01'; drop table jobs;--", i: 'x' })).toString('base64url');
    expect((await get(`?cursor=${forged}`)).body.code).toBe('PF_ERR_BAD_CURSOR');
    const outOfRange = Buffer.from(JSON.stringify({ s: 'relevance', k: '1e99', i: 'x' })).toString('base64url');
    expect((await get(`?q=x&cursor=${outOfRange}`)).status).toBe(400);
  });

  it('shows archived jobs to admins only', async () => {
    expect((await get('?includeArchived=true')).status).toBe(401);
    const student = await createUserSession(t.app, 'student');
    expect((await get('?includeArchived=true', student.headers)).status).toBe(403);
    const admin = await createUserSession(t.app, 'admin');
    const { status, body } = await get('?includeArchived=true&q=engineer', admin.headers);
    expect(status).toBe(200);
    expect(titles(body)).toContain('Archived Engineer Co-op');
    expect(titles((await get('?q=engineer', admin.headers)).body)).not.toContain('Archived Engineer Co-op');
  });

  it.each([
    `'"); drop table jobs;--`, '<script>alert(1)</script>', 'a & | ! :*', '!!!', '(((', 'ünïcödé 日本語 🚀', 'the', '-', '"', '\\', '?', '??',
  ])('never fails on hostile search text %j', async (q) => {
    const res = await get('?q=' + encodeURIComponent(q));
    expect(res.status).toBe(200);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: { q, city: q.slice(0, 100) || 'x', skills: [q || 'x'] } });
    expect(post.statusCode).toBe(200);
    expect((await get('')).body.total).toBe(5);
  });

  it('refuses a NUL character in the search text with a 400, never a 5xx', async () => {
    const res = await get('?q=' + encodeURIComponent('a\u0000b'));
    expect(res.status).toBe(400);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: { q: 'a\u0000b' } });
    expect(post.statusCode).toBe(400);
    expect(post.json().code).toBe('PF_ERR_VALIDATION');
  });
});
