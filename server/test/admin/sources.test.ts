import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from '../jobs/seed-jobs.js';

const t = useTestApp();
let admin: TestSession;
let superuser: TestSession;
let student: TestSession;
let employer: TestSession;

beforeAll(async () => {
  [admin, superuser, student, employer] = await Promise.all(
    (['admin', 'superuser', 'student', 'employer'] as const).map((r) => createUserSession(t.app, r)),
  );
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const logs = (action: string) => sql(t.app, 'select user_id, resource, outcome, status_code, details from access_logs where action = ? order by at', [action]);

describe('/admin/sources', () => {
  it('creates a manual source with the seed\'s fields, and logs it', async () => {
    const res = await inject('POST', '/admin/sources', admin, {
      name: 'Hand-entered jobs', baseUrl: 'https://board.example.com', crawlDelaySeconds: 10, disallowedPaths: ['/private'],
      contactFirstName: 'Sam', contactEmail: 'sam@example.com', isSponsor: true, canworksHires: 3, employeeCount: '51-200',
      feedMethod: 'email', specialNotes: 'Sends a spreadsheet monthly', employerUserId: employer.user.id,
    });
    expect(res.statusCode).toBe(201);
    const source = res.json();
    expect(source).toMatchObject({
      name: 'Hand-entered jobs', sourceType: 'manual', baseUrl: 'https://board.example.com', crawlDelaySeconds: 10, disallowedPaths: ['/private'],
      contactFirstName: 'Sam', isSponsor: true, canworksHires: 3, employerUserId: employer.user.id, pluginId: null, enabled: true, activeJobs: 0,
    });
    expect(await logs('admin.source.create')).toEqual([
      { user_id: admin.user.id, resource: `source:${source.id}`, outcome: 'success', status_code: 201, details: { name: 'Hand-entered jobs' } },
    ]);
  });

  it.each([
    [{ name: '' }],
    [{ name: 'X', sourceType: 'scraper' }],
    [{ name: 'X', crawlDelaySeconds: -1 }],
    [{ name: 'X', disallowedPaths: ['no-slash'] }],
    [{ name: 'X', baseUrl: 'file:///etc/passwd' }],
    [{ name: 'X', contactEmail: 'nope' }],
    [{ name: 'X', employerUserId: 'nobody' }],
  ])('refuses %j with 400', async (body) => {
    expect((await inject('POST', '/admin/sources', admin, body)).statusCode).toBe(400);
  });

  it('refuses a baseUrl on a literal link-local, loopback or private host with 400 PF_ERR_PRIVATE_ADDRESS', async () => {
    const created = await inject('POST', '/admin/sources', admin, { name: 'Metadata', baseUrl: 'http://169.254.169.254/latest/meta-data/' });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', message: expect.stringMatching(/baseUrl: 169\.254\.169\.254 is a link-local address/) });
    const source = (await inject('POST', '/admin/sources', admin, { name: 'Public board', baseUrl: 'https://board.example.org' })).json();
    for (const baseUrl of ['http://127.0.0.1:8080/', 'http://0x7f.1/', 'http://[::1]/', 'http://192.168.1.10/jobs']) {
      const res = await inject('PATCH', `/admin/sources/${source.id}`, admin, { baseUrl });
      expect(res.statusCode, baseUrl).toBe(400);
      expect(res.json().code).toBe('PF_ERR_PRIVATE_ADDRESS');
    }
    expect((await inject('GET', `/admin/sources/${source.id}`, admin)).json().baseUrl).toBe('https://board.example.org');
  });

  it('refuses a taken name (409) and logs the failure', async () => {
    await inject('POST', '/admin/sources', admin, { name: 'Twice' });
    const res = await inject('POST', '/admin/sources', admin, { name: 'Twice' });
    expect(res.statusCode).toBe(409);
    expect(await logs('admin.source.create')).toContainEqual(expect.objectContaining({ outcome: 'failure', status_code: 409 }));
  });

  it('lists with active job counts; superusers read, others are refused (and the refusal is logged)', async () => {
    const plugin = await seedSource(t.app, { name: 'Alpha Plugin', pluginId: 'alpha' });
    await seedJobs(t.app, plugin, [posting(), posting()]);
    const list = await inject('GET', '/admin/sources', superuser);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((s: { id: string }) => s.id === plugin.id)).toMatchObject({ activeJobs: 2, pluginId: 'alpha', sourceType: 'scraper' });
    expect((await inject('GET', '/admin/sources?type=scraper&q=alpha', admin)).json().items.map((s: { name: string }) => s.name)).toEqual(['Alpha Plugin']);
    expect((await inject('GET', '/admin/sources?q=100%25', admin)).json().items).toEqual([]);
    expect((await inject('GET', `/admin/sources/${plugin.id}`, superuser)).json().activeJobs).toBe(2);
    expect((await inject('GET', '/admin/sources', student)).statusCode).toBe(403);
    expect((await inject('GET', '/admin/sources')).statusCode).toBe(401);
    expect((await inject('POST', '/admin/sources', superuser, { name: 'Nope' })).statusCode).toBe(403);
    expect(await logs('admin.source.create')).toContainEqual(expect.objectContaining({ user_id: superuser.user.id, outcome: 'denied', status_code: 403 }));
    expect((await inject('GET', '/admin/sources/unknown', admin)).statusCode).toBe(404);
  });

  it('a plugin source can be disabled and rescheduled, not rewired or deleted', async () => {
    const plugin = await seedSource(t.app, { name: 'Beta Plugin', pluginId: 'beta', baseUrl: 'https://beta.example.com' });
    const res = await inject('PATCH', `/admin/sources/${plugin.id}`, admin, { enabled: false, scheduleOverride: '15 3 * * *', contactEmail: 'ops@beta.example.com' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, scheduleOverride: '15 3 * * *', contactEmail: 'ops@beta.example.com' });
    const locked = await inject('PATCH', `/admin/sources/${plugin.id}`, admin, { baseUrl: 'https://evil.example.com', crawlDelaySeconds: 0 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'PF_ERR_MANIFEST_FIELD', details: { fields: ['baseUrl', 'crawlDelaySeconds'] } });
    expect((await inject('PATCH', `/admin/sources/${plugin.id}`, admin, { scheduleOverride: 'every day please' })).statusCode).toBe(400);
    expect((await inject('PATCH', `/admin/sources/${plugin.id}`, admin, { scheduleOverride: null })).json().scheduleOverride).toBeNull();
    const del = await inject('DELETE', `/admin/sources/${plugin.id}`, admin);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('PF_ERR_PLUGIN_SOURCE');
    expect((await logs('admin.source.update')).at(-1)).toMatchObject({ outcome: 'success', details: { fields: ['scheduleOverride'] } });
  });

  it('edits and deletes a manual source with its jobs', async () => {
    const created = (await inject('POST', '/admin/sources', admin, { name: 'To Remove' })).json();
    const patched = await inject('PATCH', `/admin/sources/${created.id}`, admin, { name: 'To Remove Soon', sourceType: 'employer', crawlDelaySeconds: 30, specialNotes: null });
    expect(patched.json()).toMatchObject({ name: 'To Remove Soon', sourceType: 'employer', crawlDelaySeconds: 30 });
    expect((await inject('PATCH', `/admin/sources/${created.id}`, admin, { scheduleOverride: '0 * * * *' })).statusCode).toBe(400);
    expect((await inject('PATCH', `/admin/sources/${created.id}`, admin, {})).statusCode).toBe(400);
    const [jobId] = await seedJobs(t.app, created, [posting()]);
    expect((await inject('DELETE', `/admin/sources/${created.id}`, admin)).statusCode).toBe(204);
    expect((await inject('GET', `/admin/sources/${created.id}`, admin)).statusCode).toBe(404);
    expect((await inject('GET', `/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await logs('admin.source.delete')).at(-1)).toMatchObject({ outcome: 'success', details: { name: 'To Remove Soon', jobsDeleted: 1 } });
    expect((await inject('DELETE', `/admin/sources/${created.id}`, admin)).statusCode).toBe(404);
  });

  it('goes through the scheduler for plugin enable/schedule changes when one runs', async () => {
    const calls: unknown[] = [];
    const { buildApp } = await import('../../src/app.js');
    const { testConfig } = await import('../helpers.js');
    const app = await buildApp({
      config: testConfig(), orm: t.db.orm, logger: false,
      services: { scheduler: { updatePlugin: async (id: string, patch: unknown) => { calls.push([id, patch]); } } } as never,
    });
    try {
      const plugin = await seedSource(t.app, { name: 'Gamma Plugin', pluginId: 'gamma' });
      const res = await app.inject({ method: 'PATCH', url: `/api/v1/admin/sources/${plugin.id}`, headers: admin.headers, payload: { enabled: false } });
      expect(res.statusCode).toBe(200);
      expect(calls).toEqual([['gamma', { enabled: false, schedule: undefined }]]);
    } finally {
      await app.close();
    }
  });
});
