import { beforeAll, describe, expect, it } from 'vitest';
import { JobAlert, SavedJob } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from '../jobs/seed-jobs.js';

const t = useTestApp({ services: { clickRateLimit: { limit: 5, windowSeconds: 3600 } } });
let admin: TestSession;
let superuser: TestSession;
let student: TestSession;
let jobs: string[];
let source: { id: string };

beforeAll(async () => {
  [admin, superuser, student] = await Promise.all((['admin', 'superuser', 'student'] as const).map((r) => createUserSession(t.app, r)));
  source = await seedSource(t.app, { name: 'Clicky', pluginId: 'clicky' });
  jobs = await seedJobs(t.app, source, [posting({ title: 'Popular Co-op' }), posting({ title: 'Quiet Intern', jobType: 'internship' })]);
});

const click = (jobId: unknown, ip = '198.51.100.7', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/analytics/clicks', payload: { jobId } as object, remoteAddress: ip, headers });

describe('POST /analytics/clicks', () => {
  it('records a click (202), with the user when signed in', async () => {
    const res = await click(jobs[0], '198.51.100.1', { ...student.headers, referer: 'https://site.example/jobs' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ recorded: true });
    expect(await sql(t.app, 'select user_id, via, referrer from job_clicks where job_id = ?', [jobs[0]])).toEqual([
      { user_id: student.user.id, via: 'api', referrer: 'https://site.example/jobs' },
    ]);
  });

  it('404s an unknown job and 400s a bad body', async () => {
    expect((await click('nope', '198.51.100.2')).statusCode).toBe(404);
    expect((await click(42 as unknown as string, '198.51.100.2')).statusCode).toBe(404);
    expect((await click(undefined, '198.51.100.2')).statusCode).toBe(400);
    expect((await click('x'.repeat(65), '198.51.100.2')).statusCode).toBe(400);
  });

  it('limits clicks per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await click(jobs[1], '198.51.100.9')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const refused = await click(jobs[1], '198.51.100.9');
    expect(refused.json().code).toBe('PF_ERR_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await click(jobs[1], '198.51.100.10')).statusCode).toBe(202);
  });
});

describe('GET /analytics/reports', () => {
  it('reports clicks by day, source, job type and channel, top jobs, saved jobs and alerts in the range', async () => {
    await sql(t.app, 'delete from job_clicks');
    const insertClick = (jobId: string, at: string, via = 'apply') =>
      sql(t.app, "insert into job_clicks (id, job_id, via, at) values (md5(random()::text), ?, ?, ?::timestamptz)", [jobId, via, at]);
    // Days are Toronto days: 03:00 UTC on March 3rd is still March 2nd there.
    await insertClick(jobs[0]!, '2026-03-02T15:00:00Z');
    await insertClick(jobs[0]!, '2026-03-03T03:00:00Z', 'api');
    await insertClick(jobs[0]!, '2026-03-04T15:00:00Z');
    await insertClick(jobs[1]!, '2026-03-04T16:00:00Z', 'email');
    await insertClick(jobs[1]!, '2026-02-01T16:00:00Z');
    const em = t.app.ctx.orm.em.fork();
    em.create(SavedJob, { user: student.user.id, job: jobs[0]!, createdAt: new Date('2026-03-02T12:00:00Z') });
    em.create(SavedJob, { user: student.user.id, job: jobs[1]!, createdAt: new Date('2026-01-02T12:00:00Z') });
    em.create(JobAlert, { user: student.user.id, name: 'Co-ops', unsubscribeToken: 'a'.repeat(64), createdAt: new Date('2026-03-03T12:00:00Z') } as never);
    await em.flush();

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports?from=2026-03-02T05:00:00Z&to=2026-03-04', headers: superuser.headers });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-05T00:00:00.000Z', timezone: 'America/Toronto', savedJobsCreated: 1, alertsCreated: 1 });
    expect(r.clicks.total).toBe(4);
    expect(r.clicks.byDay).toEqual([{ day: '2026-03-02', count: 2 }, { day: '2026-03-03', count: 0 }, { day: '2026-03-04', count: 2 }]);
    expect(r.clicks.bySource).toEqual([{ sourceId: source.id, name: 'Clicky', pluginId: 'clicky', count: 4 }]);
    expect(r.clicks.bySourceByDay).toEqual([{
      sourceId: source.id, name: 'Clicky', byDay: [{ day: '2026-03-02', count: 2 }, { day: '2026-03-03', count: 0 }, { day: '2026-03-04', count: 2 }],
    }]);
    expect(r.clicks.byJobType).toEqual([{ jobType: 'coop', count: 3 }, { jobType: 'internship', count: 1 }]);
    expect(r.clicks.byVia).toEqual([{ via: 'apply', count: 2 }, { via: 'api', count: 1 }, { via: 'email', count: 1 }]);
    expect(r.topJobs).toEqual([
      { jobId: jobs[0], title: 'Popular Co-op', companyName: 'Acme Corp', count: 3 },
      { jobId: jobs[1], title: 'Quiet Intern', companyName: 'Acme Corp', count: 1 },
    ]);
  });

  it('defaults to the last 30 days', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports', headers: admin.headers })).json();
    expect(Date.parse(r.to) - Date.parse(r.from)).toBe(30 * 86_400_000);
    expect(r.clicks.byDay.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['?from=2026-03-05&to=2026-03-01', /before/],
    ['?from=2024-01-01&to=2026-01-01', /at most/],
    ['?from=soon', /real date/],
    ['?to=2026-02-30', /real date/],
    ['?from=' + 'x'.repeat(41), /from/],
  ])('refuses %s', async (query, message) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/reports${query}`, headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it('is for superusers and admins only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports', headers: student.headers })).statusCode).toBe(403);
  });
});
