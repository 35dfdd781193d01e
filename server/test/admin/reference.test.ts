import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { sql } from '../jobs/seed-jobs.js';

const t = useTestApp();
let admin: TestSession;
let superuser: TestSession;
let graduate: TestSession;

beforeAll(async () => {
  [admin, superuser, graduate] = await Promise.all((['admin', 'superuser', 'graduate'] as const).map((r) => createUserSession(t.app, r)));
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('/admin/reference/{table}', () => {
  it('lists the 13 provinces with both names', async () => {
    const res = await inject('GET', '/admin/reference/provinces', superuser);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(13);
    expect(res.json().items).toContainEqual({ id: 'QC', name: 'Quebec', nameFr: 'Québec' });
  });

  it('404s any other table, even a real one', async () => {
    for (const table of ['users', 'jobs', 'sessions', 'x'.repeat(40), '..%2f..']) {
      const res = await inject('GET', `/admin/reference/${table}`, admin);
      expect(res.statusCode, table).toBe(404);
    }
  });

  it.each(['majors', 'skills'])('adds, renames and removes %s, and logs each write', async (table) => {
    const created = await inject('POST', `/admin/reference/${table}`, admin, { name: '  Computer   Science ' });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ name: 'Computer Science' });
    expect((await inject('POST', `/admin/reference/${table}`, admin, { name: 'computer science' })).statusCode).toBe(409);
    expect((await inject('GET', `/admin/reference/${table}`, superuser)).json().items.map((i: { name: string }) => i.name)).toEqual(['Computer Science']);

    const renamed = await inject('PATCH', `/admin/reference/${table}/${item.id}`, admin, { name: 'Computing' });
    expect(renamed.json()).toMatchObject({ id: item.id, name: 'Computing' });
    expect((await inject('PATCH', `/admin/reference/${table}/nope`, admin, { name: 'X' })).statusCode).toBe(404);
    expect((await inject('DELETE', `/admin/reference/${table}/${item.id}`, admin)).statusCode).toBe(204);
    expect((await inject('DELETE', `/admin/reference/${table}/${item.id}`, admin)).statusCode).toBe(404);
    expect((await inject('GET', `/admin/reference/${table}`, admin)).json().items).toEqual([]);

    const actions = await sql(t.app, "select action, outcome from access_logs where resource like ? order by at", [`${table}:%`]);
    expect(actions).toEqual([
      { action: 'admin.reference.create', outcome: 'success' },
      { action: 'admin.reference.update', outcome: 'success' },
      { action: 'admin.reference.delete', outcome: 'success' },
    ]);
  });

  it('validates names and refuses writes to provinces and unknown tables', async () => {
    expect((await inject('POST', '/admin/reference/majors', admin, { name: '' })).statusCode).toBe(400);
    expect((await inject('POST', '/admin/reference/majors', admin, { name: '\u0000\u0001' })).statusCode).toBe(400);
    expect((await inject('POST', '/admin/reference/majors', admin, { name: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await inject('POST', '/admin/reference/majors', admin, { title: 'Biology' })).statusCode).toBe(400);
    const provinces = await inject('POST', '/admin/reference/provinces', admin, { name: 'Atlantis' });
    expect(provinces.statusCode).toBe(405);
    expect(provinces.json().code).toBe('PF_ERR_READ_ONLY');
    expect((await inject('POST', '/admin/reference/users', admin, { name: 'x' })).statusCode).toBe(404);
    expect((await inject('DELETE', '/admin/reference/provinces/ON', admin)).statusCode).toBe(405);
  });

  it('superusers and others cannot write', async () => {
    expect((await inject('POST', '/admin/reference/skills', superuser, { name: 'Go' })).statusCode).toBe(403);
    expect((await inject('POST', '/admin/reference/skills', graduate, { name: 'Go' })).statusCode).toBe(403);
    expect((await inject('GET', '/admin/reference/skills', graduate)).statusCode).toBe(403);
    expect((await inject('GET', '/admin/reference/skills')).statusCode).toBe(401);
  });
});
