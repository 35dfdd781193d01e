import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from '../jobs/seed-jobs.js';

const t = useTestApp();
let admin: TestSession;
let superuser: TestSession;
let employer: TestSession;

beforeAll(async () => {
  [admin, superuser, employer] = await Promise.all((['admin', 'superuser', 'employer'] as const).map((r) => createUserSession(t.app, r)));
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('GET /admin/reports/links', () => {
  it('groups jobs archived for dead links by source, most affected first', async () => {
    const a = await seedSource(t.app, { name: 'Links A', pluginId: 'linksa' });
    const b = await seedSource(t.app, { name: 'Links B', pluginId: 'linksb' });
    const [a1, a2, a3, a4] = await seedJobs(t.app, a, [posting(), posting(), posting(), posting()]);
    const [b1] = await seedJobs(t.app, b, [posting()]);
    const archive = (id: string, reason: string, at: string) => sql(t.app,
      'update jobs set is_active = false, archive_reason = ?, archived_at = ?::timestamptz, link_last_error = ?, link_failure_count = 3 where id = ?',
      [reason, at, reason, id]);
    await archive(a1!, 'HTTP 404', '2026-03-01T00:00:00Z');
    await archive(a2!, 'link: redirected to the home page', '2026-03-03T00:00:00Z');
    await archive(a3!, 'no longer listed', '2026-03-03T00:00:00Z');
    await archive(b1!, 'Connection refused', '2026-03-02T00:00:00Z');
    void a4;

    const res = await inject('GET', '/admin/reports/links', superuser);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { source: { name: string }; count: number }) => [i.source.name, i.count])).toEqual([['Links A', 2], ['Links B', 1]]);
    expect(body.items[0].jobs.map((j: { id: string }) => j.id)).toEqual([a2, a1]);
    expect(body.items[0].jobs[1]).toMatchObject({ archiveReason: 'HTTP 404', linkLastError: 'HTTP 404', linkFailureCount: 3, archivedAt: '2026-03-01T00:00:00.000Z' });

    const since = (await inject('GET', '/admin/reports/links?since=2026-03-02&perSource=1', admin)).json();
    expect(since.items.map((i: { count: number; jobs: unknown[] }) => [i.count, i.jobs.length])).toEqual([[1, 1], [1, 1]]);
    expect((await inject('GET', '/admin/reports/links?since=soon', admin)).statusCode).toBe(400);
    expect((await inject('GET', '/admin/reports/links?perSource=0', admin)).statusCode).toBe(400);
    expect((await inject('GET', '/admin/reports/links', employer)).statusCode).toBe(403);
  });

  it('lists live links that redirect elsewhere, and slow ones, slowest first', async () => {
    const c = await seedSource(t.app, { name: 'Links C', pluginId: 'linksc' });
    const [moved, slow, slower, fine] = await seedJobs(t.app, c, [posting(), posting(), posting(), posting()]);
    const checked = (id: string, finalUrl: string | null, ms: number) => sql(t.app,
      "update jobs set link_checked_at = '2026-03-05T00:00:00Z', link_final_url = ?, link_response_ms = ? where id = ?", [finalUrl, ms, id]);
    await checked(moved!, 'https://board.example.ca/', 120);
    await checked(slow!, null, 3200);
    await checked(slower!, null, 9100);
    await checked(fine!, null, 80);

    const redirected = (await inject('GET', '/admin/reports/links?kind=redirected', admin)).json();
    expect(redirected.total).toBe(1);
    expect(redirected.items[0].jobs[0]).toMatchObject({ id: moved, linkFinalUrl: 'https://board.example.ca/', archiveReason: null, linkCheckedAt: '2026-03-05T00:00:00.000Z' });
    const slowOnes = (await inject('GET', '/admin/reports/links?kind=slow', superuser)).json();
    expect(slowOnes.items[0].jobs.map((j: { id: string; linkResponseMs: number }) => [j.id, j.linkResponseMs])).toEqual([[slower, 9100], [slow, 3200]]);
    expect((await inject('GET', '/admin/reports/links?kind=slow&since=2026-03-06', admin)).json().total).toBe(0);
    expect((await inject('GET', '/admin/reports/links?kind=lost', admin)).statusCode).toBe(400);
  });
});

describe('/admin/users', () => {
  it('finds users by part of the email and by role, paged', async () => {
    for (let i = 0; i < 3; i++) await createUserSession(t.app, 'student', { email: `find-me-${i}@school.example` });
    await createUserSession(t.app, 'graduate', { email: 'find-me-grad@school.example' });
    const res = await inject('GET', '/admin/users?q=FIND-ME&role=student&limit=2', admin);
    expect(res.statusCode).toBe(200);
    const first = res.json();
    expect(first.total).toBe(3);
    expect(first.items.map((u: { email: string }) => u.email)).toEqual(['find-me-2@school.example', 'find-me-1@school.example']);
    expect(first.items[0]).not.toHaveProperty('passwordHash');
    const second = (await inject('GET', `/admin/users?q=find-me&role=student&limit=2&cursor=${first.nextCursor}`, superuser)).json();
    expect(second.items.map((u: { email: string }) => u.email)).toEqual(['find-me-0@school.example']);
    expect(second.nextCursor).toBeNull();
    expect((await inject('GET', '/admin/users?q=%25', admin)).json().total).toBe(0);
    expect((await inject('GET', '/admin/users?role=king', admin)).statusCode).toBe(400);
    expect((await inject('GET', '/admin/users?cursor=x', admin)).statusCode).toBe(400);
  });

  it('changes a role and logs it; an admin cannot change their own', async () => {
    const target = await createUserSession(t.app, 'student');
    const res = await inject('PATCH', `/admin/users/${target.user.id}`, admin, { role: 'graduate' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: target.user.id, role: 'graduate' });
    // The new role applies to the user's existing session at once.
    expect((await inject('GET', '/employers/me', target)).statusCode).toBe(403);
    await inject('PATCH', `/admin/users/${target.user.id}`, admin, { role: 'employer' });
    expect((await inject('GET', '/employers/me', target)).statusCode).toBe(200);

    const self = await inject('PATCH', `/admin/users/${admin.user.id}`, admin, { role: 'student' });
    expect(self.statusCode).toBe(409);
    expect((await inject('PATCH', `/admin/users/${admin.user.id}`, admin, { role: 'admin' })).statusCode).toBe(200);
    expect((await inject('PATCH', '/admin/users/nobody', admin, { role: 'student' })).statusCode).toBe(404);
    expect((await inject('PATCH', `/admin/users/${target.user.id}`, admin, { role: 'root' })).statusCode).toBe(400);
    expect((await inject('PATCH', `/admin/users/${target.user.id}`, superuser, { role: 'admin' })).statusCode).toBe(403);
    const rows = await sql(t.app, "select outcome, status_code, details from access_logs where action = 'admin.user.update' and resource = ? order by at", [`user:${target.user.id}`]);
    expect(rows).toEqual([
      { outcome: 'success', status_code: 200, details: { from: 'student', to: 'graduate' } },
      { outcome: 'success', status_code: 200, details: { from: 'graduate', to: 'employer' } },
      { outcome: 'failure', status_code: 400, details: {} },
      { outcome: 'denied', status_code: 403, details: {} },
    ]);
  });
});

describe('GET /admin/access-logs', () => {
  it('filters by user, action prefix, outcome and time, newest first, paged', async () => {
    const fresh = await createUserSession(t.app, 'admin');
    await inject('POST', '/admin/reference/skills', fresh, { name: 'Welding' });
    await inject('POST', '/admin/reference/skills', fresh, { name: 'Welding' });
    await inject('POST', '/admin/reference/majors', fresh, { name: 'Nursing' });

    const all = (await inject('GET', `/admin/access-logs?user=${fresh.user.email.toUpperCase()}`, superuser)).json();
    expect(all.items.map((l: { action: string; outcome: string }) => `${l.action}:${l.outcome}`)).toEqual([
      'admin.reference.create:success', 'admin.reference.create:failure', 'admin.reference.create:success',
    ]);
    expect(all.items[0]).toMatchObject({ userId: fresh.user.id, userEmail: fresh.user.email, method: 'POST', path: '/api/v1/admin/reference/majors' });
    expect((await inject('GET', `/admin/access-logs?user=${fresh.user.id}&outcome=failure`, admin)).json().items).toHaveLength(1);
    expect((await inject('GET', `/admin/access-logs?user=${fresh.user.id}&action=admin.ref`, admin)).json().items).toHaveLength(3);
    expect((await inject('GET', `/admin/access-logs?user=${fresh.user.id}&action=admin.source`, admin)).json().items).toHaveLength(0);
    expect((await inject('GET', `/admin/access-logs?user=${fresh.user.id}&to=2000-01-01`, admin)).json().items).toHaveLength(0);
    expect((await inject('GET', `/admin/access-logs?user=${fresh.user.id}&from=2000-01-01`, admin)).json().items).toHaveLength(3);

    const page1 = (await inject('GET', `/admin/access-logs?user=${fresh.user.id}&limit=2`, admin)).json();
    const page2 = (await inject('GET', `/admin/access-logs?user=${fresh.user.id}&limit=2&cursor=${page1.nextCursor}`, admin)).json();
    expect([...page1.items, ...page2.items].map((l: { id: string }) => l.id)).toEqual(all.items.map((l: { id: string }) => l.id));
    expect((await inject('GET', '/admin/access-logs?from=tomorrow', admin)).statusCode).toBe(400);
    expect((await inject('GET', '/admin/access-logs', employer)).statusCode).toBe(403);
  });
});
