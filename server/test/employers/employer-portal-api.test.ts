/**
 * What the employer portal needs from the API (issue 11): each job's apply clicks and broken-link
 * flag in "my jobs", clicks per day over the last 30 days, and restoring an archived job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';

const t = useTestApp();
let employer: TestSession;
let other: TestSession;
let student: TestSession;

beforeAll(async () => {
  [employer, other, student] = await Promise.all([createUserSession(t.app, 'employer'), createUserSession(t.app, 'employer'), createUserSession(t.app, 'student')]);
});

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const post = async (who: TestSession, title: string, extra: object = {}) => {
  const res = await inject('POST', '/jobs', who, { title, originalUrl: `https://acme.example.com/jobs/${encodeURIComponent(title)}`, description: 'Build robots with us.', ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

const click = (jobId: string, daysAgo: number) => t.app.ctx.orm.em.fork().getConnection().execute(
  `insert into job_clicks (id, job_id, via, at) values (?, ?, 'apply', now() - make_interval(days => ?))`,
  [`c${Math.random().toString(36).slice(2, 14)}${daysAgo}`, jobId, daysAgo], 'run',
);

describe('my jobs with clicks and link status', () => {
  it('counts each job\'s apply clicks and flags a link the checker finds broken', async () => {
    const a = await post(employer, 'Robotics Co-op A');
    const b = await post(employer, 'Robotics Co-op B');
    await click(a, 0);
    await click(a, 3);
    await click(a, 45);
    await t.app.ctx.orm.em.fork().getConnection().execute(`update jobs set link_failure_count = 2, link_failing_since = now() where id = ?`, [b], 'run');
    const items = (await inject('GET', '/employers/me/jobs', employer)).json().items as { id: string; clicks: number; linkBroken: boolean }[];
    expect(items.find((i) => i.id === a)).toMatchObject({ clicks: 3, linkBroken: false });
    expect(items.find((i) => i.id === b)).toMatchObject({ clicks: 0, linkBroken: true });
  });

  it('gives clicks per day for the last 30 days, every day listed, only the employer\'s own jobs', async () => {
    const mine = await post(employer, 'Robotics Co-op C');
    const theirs = await post(other, 'Robotics Co-op D');
    await click(mine, 1);
    await click(mine, 1);
    await click(theirs, 1);
    const res = await inject('GET', '/employers/me/clicks', employer);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { timezone: string; items: { date: string; clicks: number }[]; total: number };
    expect(body.timezone).toBe('America/Toronto');
    expect(body.items).toHaveLength(30);
    expect(body.items.map((d) => d.date)).toEqual([...body.items.map((d) => d.date)].sort());
    // Two clicks yesterday on C, one 3 days ago and one today on A (the 45-day-old one is out of range); D is someone else's.
    expect(body.total).toBe(4);
    expect(body.items.at(-2)!.clicks).toBe(2);
    expect((await inject('GET', '/employers/me/clicks?days=7', employer)).json().items).toHaveLength(7);
    expect((await inject('GET', '/employers/me/clicks?days=0', employer)).statusCode).toBe(400);
    expect((await inject('GET', '/employers/me/clicks', student)).statusCode).toBe(403);
  });
});

describe('POST /jobs/{id}/restore', () => {
  it('lists an archived job again, in search at once; only its employer may; idempotent', async () => {
    const id = await post(employer, 'Greenhouse Sensor Co-op');
    expect((await inject('DELETE', `/jobs/${id}`, employer)).statusCode).toBe(204);
    const search = async () => ((await inject('GET', '/jobs?q=greenhouse')).json().items as { id: string }[]).map((j) => j.id);
    expect(await search()).not.toContain(id);
    expect((await inject('POST', `/jobs/${id}/restore`, other)).statusCode).toBe(403);
    expect((await inject('POST', `/jobs/${id}/restore`, student)).statusCode).toBe(403);
    const restored = await inject('POST', `/jobs/${id}/restore`, employer);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id, isActive: true, archivedAt: null, archiveReason: null });
    expect(await search()).toContain(id);
    expect((await inject('POST', `/jobs/${id}/restore`, employer)).statusCode).toBe(200);
  });

  it('keeps a job whose deadline has passed archived, saying why', async () => {
    const id = await post(employer, 'Orchard Survey Internship', { applicationDeadline: new Date(Date.now() + 86_400_000).toISOString() });
    await inject('DELETE', `/jobs/${id}`, employer);
    await t.app.ctx.orm.em.fork().getConnection().execute(`update jobs set application_deadline = now() - interval '1 day' where id = ?`, [id], 'run');
    const res = await inject('POST', `/jobs/${id}/restore`, employer);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PF_ERR_DEADLINE_PASSED', message: expect.stringMatching(/deadline has already passed/) });
  });
});
