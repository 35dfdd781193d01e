import { describe, expect, it } from 'vitest';
import { JobAlert } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';

const t = useTestApp();
const base = '/api/v1/users/me/alerts';

describe('job alerts', () => {
  it('POST creates with defaults and a stored unsubscribe token; GET lists only mine', async () => {
    const s = await createUserSession(t.app, 'student');
    const other = await createUserSession(t.app, 'student');
    const res = await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload: { name: ' Summer co-ops ', q: 'software', jobType: ['coop', 'coop'], province: ['on', 'QC'] } });
    expect(res.statusCode).toBe(201);
    const alert = res.json();
    expect(alert).toEqual({
      id: expect.any(String), name: 'Summer co-ops', q: 'software', jobType: ['coop'], term: [], locationType: [], province: ['ON', 'QC'],
      frequency: 'daily', active: true, lastSentAt: null, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const row = await t.app.ctx.orm.em.fork().findOneOrFail(JobAlert, { id: alert.id });
    expect(row.unsubscribeToken).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({ query: 'software', filters: { jobType: ['coop'], province: ['ON', 'QC'] } });
    await t.app.inject({ method: 'POST', url: base, headers: other.headers, payload: { name: 'Theirs' } });
    const list = (await t.app.inject({ url: base, headers: s.headers })).json();
    expect(list).toEqual({ items: [alert], total: 1 });
  });

  it('400 on bad enums, unknown provinces, missing name or huge strings', async () => {
    const s = await createUserSession(t.app, 'graduate');
    const bad = [
      { name: 'x', jobType: ['fulltime'] },
      { name: 'x', term: ['spring'] },
      { name: 'x', locationType: ['moon'] },
      { name: 'x', frequency: 'hourly' },
      { name: 'x', province: ['Ontario'] },
      { name: 'x', province: ['XX'] },
      { q: 'no name' },
      { name: '' },
      { name: 'x'.repeat(121) },
      { name: 'x', q: 'q'.repeat(501) },
      { name: 'x', active: 'sometimes' },
    ];
    for (const payload of bad) {
      const res = await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('PF_ERR_VALIDATION');
    }
    expect((await t.app.inject({ url: base, headers: s.headers })).json().total).toBe(0);
  });

  it('PATCH changes only the given fields; q null clears; [] clears a filter', async () => {
    const s = await createUserSession(t.app, 'student');
    const created = (await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload: { name: 'A', q: 'data', term: ['fall'], locationType: ['remote'] } })).json();
    const res = await t.app.inject({ method: 'PATCH', url: `${base}/${created.id}`, headers: s.headers, payload: { frequency: 'weekly', active: false, q: null, term: [], province: ['bc'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'A', q: null, term: [], locationType: ['remote'], province: ['BC'], frequency: 'weekly', active: false });
    expect((await t.app.inject({ method: 'PATCH', url: `${base}/${created.id}`, headers: s.headers, payload: { province: ['QQ'] } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PATCH', url: `${base}/${created.id}`, headers: s.headers, payload: { frequency: 'never' } })).statusCode).toBe(400);
  });

  it('404 for another user\'s alert and for unknown ids; DELETE removes mine', async () => {
    const s = await createUserSession(t.app, 'student');
    const other = await createUserSession(t.app, 'student');
    const theirs = (await t.app.inject({ method: 'POST', url: base, headers: other.headers, payload: { name: 'Theirs' } })).json();
    expect((await t.app.inject({ method: 'PATCH', url: `${base}/${theirs.id}`, headers: s.headers, payload: { name: 'Mine now' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/${theirs.id}`, headers: s.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/unknown-id`, headers: s.headers })).statusCode).toBe(404);
    const mine = (await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload: { name: 'Mine' } })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/${mine.id}`, headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/${mine.id}`, headers: s.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: base, headers: other.headers })).json().items).toHaveLength(1);
  });

  it('refuses the 21st alert with 409', async () => {
    const s = await createUserSession(t.app, 'graduate');
    for (let i = 0; i < 20; i++) expect((await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload: { name: `Alert ${i}` } })).statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: base, headers: s.headers, payload: { name: 'One too many' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/20/);
  });

  it('401 without a session', async () => {
    expect((await t.app.inject({ url: base })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: base, payload: { name: 'x' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PATCH', url: `${base}/x`, payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/x` })).statusCode).toBe(401);
  });
});
