import { describe, expect, it } from 'vitest';
import { SavedJob } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { createJob } from './fixtures.js';

const t = useTestApp();
const url = (jobId = '') => `/api/v1/users/me/saved-jobs${jobId ? `/${jobId}` : ''}`;

describe('saved jobs', () => {
  it('POST saves (201), saving again is 200 with the same entry; 404 for an unknown job', async () => {
    const s = await createUserSession(t.app, 'student');
    const jobId = await createJob(t.app, { title: 'Data analyst intern' });
    const first = await t.app.inject({ method: 'POST', url: url(jobId), headers: s.headers });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ jobId, savedAt: expect.any(String), job: { id: jobId, title: 'Data analyst intern', companyName: 'Maple Labs', province: 'ON', isActive: true } });
    const again = await t.app.inject({ method: 'POST', url: url(jobId), headers: s.headers });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await t.app.ctx.orm.em.fork().count(SavedJob, { user: s.user.id })).toBe(1);
    const unknown = await t.app.inject({ method: 'POST', url: url('nope-not-a-job'), headers: s.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PF_ERR_NOT_FOUND');
    expect((await t.app.inject({ method: 'POST', url: url('x'.repeat(65)), headers: s.headers })).statusCode).toBe(400);
  });

  it('concurrent saves of one job make one row', async () => {
    const s = await createUserSession(t.app, 'student');
    const jobId = await createJob(t.app);
    const codes = (await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'POST', url: url(jobId), headers: s.headers })))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(4);
  });

  it('GET lists my saved jobs newest first, with archived ones flagged, paged by cursor', async () => {
    const s = await createUserSession(t.app, 'graduate');
    const other = await createUserSession(t.app, 'graduate');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createJob(t.app, { title: `Job ${i}`, isActive: i !== 0 });
      ids.push(id);
      await t.app.inject({ method: 'POST', url: url(id), headers: s.headers });
    }
    await t.app.inject({ method: 'POST', url: url(ids[0]), headers: other.headers });
    const page1 = await t.app.inject({ url: `${url()}?limit=3`, headers: s.headers });
    expect(page1.statusCode).toBe(200);
    const body1 = page1.json();
    expect(body1.total).toBe(5);
    expect(body1.items.map((i: { job: { title: string } }) => i.job.title)).toEqual(['Job 4', 'Job 3', 'Job 2']);
    expect(body1.nextCursor).toEqual(expect.any(String));
    const body2 = (await t.app.inject({ url: `${url()}?limit=3&cursor=${body1.nextCursor}`, headers: s.headers })).json();
    expect(body2.items.map((i: { job: { title: string; isActive: boolean } }) => [i.job.title, i.job.isActive])).toEqual([['Job 1', true], ['Job 0', false]]);
    expect(body2.nextCursor).toBeNull();
    expect((await t.app.inject({ url: `${url()}?cursor=garbage`, headers: s.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `${url()}?limit=101`, headers: s.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: url() })).statusCode).toBe(401);
  });

  it('DELETE unsaves, and is 204 when it was not saved', async () => {
    const s = await createUserSession(t.app, 'student');
    const jobId = await createJob(t.app);
    await t.app.inject({ method: 'POST', url: url(jobId), headers: s.headers });
    expect((await t.app.inject({ method: 'DELETE', url: url(jobId), headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: url(jobId), headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: url('never-existed'), headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: url(), headers: s.headers })).json()).toMatchObject({ items: [], total: 0 });
    expect((await t.app.inject({ method: 'DELETE', url: url(jobId) })).statusCode).toBe(401);
  });
});
