import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { UserRole } from '@pathfinder/core';
import { useTestApp } from './helpers.js';
import { createUserSession, TEST_PASSWORD, type TestSession } from './support/auth.js';
import { registeredRoutes } from './admin/route-tree.js';
import { posting, seedJobs, seedSource } from './jobs/seed-jobs.js';

/**
 * THE role matrix: every route of the API × every kind of caller → the status it must get.
 * Each cell runs with a fresh user and session of that role (so a cell that deletes the account or
 * ends its sessions touches no other), against shared fixtures. The last test checks the table
 * names every registered route, so a new route cannot ship without its row.
 *
 * Notes on some rows: /auth/mfa/verify takes only a half-signed-in (pending MFA) session, so full
 * sessions get 401 there too; the /admin/plugins routes answer 503 after the role checks because
 * this test app runs no scheduler. Admins and superusers have MFA on (as they must); a second pass
 * runs every row as an admin and a superuser without MFA (`BEFORE_MFA`).
 */
const t = useTestApp();

const ROLES = ['anonymous', 'student', 'graduate', 'employer', 'admin', 'superuser'] as const;
type Caller = (typeof ROLES)[number];
type Expected = [anonymous: number, student: number, graduate: number, employer: number, admin: number, superuser: number];

interface Fixtures {
  jobId: string;
  ownerEmployer: TestSession;
  ownerJobId: string;
  sourceId: string;
}
interface Cell {
  app: FastifyInstance;
  role: Caller;
  session: TestSession | undefined;
  fx: Fixtures;
  /** A string unique to this cell (for names and emails). */
  unique: string;
}
interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
}
type Row = [route: string, request: (c: Cell) => Request | Promise<Request>, expected: Expected];

const V1 = '/api/v1';
const req = (method: Request['method'], url: string, payload?: unknown): Request => ({ method, url: V1 + url, payload });
const NEW_PASSWORD = 'a different long passphrase 42';

/** A resource of the caller's own, made through the API with their session (401 callers get a made-up id). */
async function own(c: Cell, url: string, payload: object): Promise<string> {
  if (!c.session) return 'not-signed-in';
  const res = await c.app.inject({ method: 'POST', url: V1 + url, headers: c.session.headers, payload });
  if (res.statusCode !== 201) throw new Error(`fixture ${url} → ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function adminMade(c: Cell, url: string, payload: object): Promise<string> {
  const admin = await createUserSession(c.app, 'admin');
  const res = await c.app.inject({ method: 'POST', url: V1 + url, headers: admin.headers, payload });
  if (res.statusCode !== 201) throw new Error(`fixture ${url} → ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const newJob = (c: Cell) => ({ title: `Matrix ${c.unique} Co-op`, originalUrl: `https://matrix.example.com/${c.unique}`, description: 'A co-op term.' });

//                                                                                                                  anon stud grad empl admn supr
const MATRIX: Row[] = [
  ['GET /health', () => ({ method: 'GET', url: '/health' }),                                                                 [200, 200, 200, 200, 200, 200]],

  // --- auth (helper A)
  ['POST /api/v1/auth/register', (c) => req('POST', '/auth/register', {
    email: `reg-${c.unique}@example.test`, password: NEW_PASSWORD, role: 'student', consent: true }),                        [201, 201, 201, 201, 201, 201]],
  ['POST /api/v1/auth/login', async (c) => {
    const who = c.session ?? await createUserSession(c.app, 'student');
    return req('POST', '/auth/login', { email: who.user.email, password: TEST_PASSWORD });
  },                                                                                                                          [200, 200, 200, 200, 200, 200]],
  ['GET /api/v1/auth/session', () => req('GET', '/auth/session'),                                                            [200, 200, 200, 200, 200, 200]],
  ['POST /api/v1/auth/logout', () => req('POST', '/auth/logout'),                                                           [401, 204, 204, 204, 204, 204]],
  ['POST /api/v1/auth/logout-all', () => req('POST', '/auth/logout-all'),                                                   [401, 200, 200, 200, 200, 200]],
  // Admins and superusers have MFA on (they must): setup is refused as already done (409).
  ['POST /api/v1/auth/mfa/setup', () => req('POST', '/auth/mfa/setup'),                                                     [401, 200, 200, 200, 409, 409]],
  // No setup in progress: signed-in callers pass the guard and are told so.
  ['POST /api/v1/auth/mfa/enable', () => req('POST', '/auth/mfa/enable', { code: '000000' }),                               [401, 409, 409, 409, 409, 409]],
  ['POST /api/v1/auth/mfa/verify', () => req('POST', '/auth/mfa/verify', { code: '000000' }),                               [401, 401, 401, 401, 401, 401]],
  // MFA off for the others (409); on for admins and superusers, whose made-up code is wrong (400).
  ['POST /api/v1/auth/mfa/disable', () => req('POST', '/auth/mfa/disable', { code: '000000' }),                             [401, 409, 409, 409, 400, 400]],
  ['POST /api/v1/auth/password/forgot', (c) => req('POST', '/auth/password/forgot', { email: `nobody-${c.unique}@example.test` }), [202, 202, 202, 202, 202, 202]],
  ['POST /api/v1/auth/password/reset', () => req('POST', '/auth/password/reset', { token: 'not-a-token', password: NEW_PASSWORD }), [400, 400, 400, 400, 400, 400]],
  ['POST /api/v1/auth/password/change', () => req('POST', '/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }), [401, 204, 204, 204, 204, 204]],
  ['POST /api/v1/auth/verify-email', () => req('POST', '/auth/verify-email', { token: 'not-a-token' }),                    [400, 400, 400, 400, 400, 400]],
  // Test users have confirmed addresses: nothing to resend.
  ['POST /api/v1/auth/verify-email/resend', () => req('POST', '/auth/verify-email/resend'),                                 [401, 409, 409, 409, 409, 409]],

  // --- the signed-in user's own data (helper A)
  ['GET /api/v1/users/me', () => req('GET', '/users/me'),                                                                   [401, 200, 200, 200, 200, 200]],
  ['PATCH /api/v1/users/me', () => req('PATCH', '/users/me', {}),                                                           [401, 200, 200, 200, 200, 200]],
  ['DELETE /api/v1/users/me', () => req('DELETE', '/users/me', { password: TEST_PASSWORD }),                                [401, 204, 204, 204, 204, 204]],
  ['POST /api/v1/users/me/consent', () => req('POST', '/users/me/consent', { given: false }),                               [401, 200, 200, 200, 200, 200]],
  ['GET /api/v1/users/me/export', () => req('GET', '/users/me/export'),                                                     [401, 200, 200, 200, 200, 200]],
  ['GET /api/v1/users/me/saved-jobs', () => req('GET', '/users/me/saved-jobs'),                                             [401, 200, 200, 200, 200, 200]],
  ['POST /api/v1/users/me/saved-jobs/{jobId}', (c) => req('POST', `/users/me/saved-jobs/${c.fx.jobId}`),                    [401, 201, 201, 201, 201, 201]],
  ['DELETE /api/v1/users/me/saved-jobs/{jobId}', (c) => req('DELETE', `/users/me/saved-jobs/${c.fx.jobId}`),                [401, 204, 204, 204, 204, 204]],
  ['GET /api/v1/users/me/alerts', () => req('GET', '/users/me/alerts'),                                                     [401, 200, 200, 200, 200, 200]],
  ['POST /api/v1/users/me/alerts', () => req('POST', '/users/me/alerts', { name: 'Co-ops in Ontario', province: ['ON'] }),  [401, 201, 201, 201, 201, 201]],
  ['PATCH /api/v1/users/me/alerts/{id}', async (c) => req('PATCH', `/users/me/alerts/${await own(c, '/users/me/alerts', { name: 'Mine' })}`, { active: false }), [401, 200, 200, 200, 200, 200]],
  ['DELETE /api/v1/users/me/alerts/{id}', async (c) => req('DELETE', `/users/me/alerts/${await own(c, '/users/me/alerts', { name: 'Mine' })}`), [401, 204, 204, 204, 204, 204]],
  ['GET /api/v1/alerts/unsubscribe', () => req('GET', '/alerts/unsubscribe?token=unknown'),                                 [404, 404, 404, 404, 404, 404]],
  ['POST /api/v1/alerts/unsubscribe', () => req('POST', '/alerts/unsubscribe?token=unknown', { 'List-Unsubscribe': 'One-Click' }), [404, 404, 404, 404, 404, 404]],

  // --- jobs
  ['GET /api/v1/jobs', () => req('GET', '/jobs?q=co-op&province=ON'),                                                      [200, 200, 200, 200, 200, 200]],
  ['GET /api/v1/jobs — includeArchived', () => req('GET', '/jobs?includeArchived=true'),                                   [401, 403, 403, 403, 200, 403]],
  ['POST /api/v1/jobs/search', () => req('POST', '/jobs/search', { jobType: ['coop'] }),                                    [200, 200, 200, 200, 200, 200]],
  ['GET /api/v1/jobs/{id}', (c) => req('GET', `/jobs/${c.fx.jobId}`),                                                      [200, 200, 200, 200, 200, 200]],
  ['GET /api/v1/jobs/{id}/apply', (c) => req('GET', `/jobs/${c.fx.jobId}/apply`),                                          [302, 302, 302, 302, 302, 302]],
  ['POST /api/v1/jobs', (c) => req('POST', '/jobs', newJob(c)),                                                             [401, 403, 403, 201, 201, 403]],
  // The employer column acts on a job of their own; the admin on another employer's.
  ['PATCH /api/v1/jobs/{id}', async (c) => req('PATCH', `/jobs/${c.role === 'employer' ? await own(c, '/jobs', newJob(c)) : c.fx.ownerJobId}`, { withPay: true }), [401, 403, 403, 200, 200, 403]],
  ['PATCH /api/v1/jobs/{id} — another employer\'s job', (c) => req('PATCH', `/jobs/${c.fx.ownerJobId}`, { withPay: true }), [401, 403, 403, 403, 200, 403]],
  ['POST /api/v1/jobs/{id}/restore', async (c) => req('POST', `/jobs/${c.role === 'employer' ? await own(c, '/jobs', newJob(c)) : c.fx.ownerJobId}/restore`), [401, 403, 403, 200, 200, 403]],
  ['DELETE /api/v1/jobs/{id}', async (c) => req('DELETE', `/jobs/${c.role === 'employer' ? await own(c, '/jobs', newJob(c)) : c.fx.ownerJobId}`), [401, 403, 403, 204, 204, 403]],
  ['DELETE /api/v1/jobs/{id} — another employer\'s job', (c) => req('DELETE', `/jobs/${c.fx.ownerJobId}`),                  [401, 403, 403, 403, 204, 403]],

  // --- employers
  ['GET /api/v1/employers/me', () => req('GET', '/employers/me'),                                                           [401, 403, 403, 200, 403, 403]],
  ['PATCH /api/v1/employers/me', () => req('PATCH', '/employers/me', { availableForEvents: true }),                         [401, 403, 403, 200, 403, 403]],
  ['GET /api/v1/employers/me/clicks', () => req('GET', '/employers/me/clicks'),                                             [401, 403, 403, 200, 403, 403]],
  ['GET /api/v1/employers/me/jobs', () => req('GET', '/employers/me/jobs'),                                                 [401, 403, 403, 200, 403, 403]],

  // --- admin: admins write, superusers read
  ['GET /api/v1/admin/sources', () => req('GET', '/admin/sources'),                                                         [401, 403, 403, 403, 200, 200]],
  ['POST /api/v1/admin/sources', (c) => req('POST', '/admin/sources', { name: `Matrix source ${c.unique}` }),               [401, 403, 403, 403, 201, 403]],
  ['GET /api/v1/admin/sources/{id}', (c) => req('GET', `/admin/sources/${c.fx.sourceId}`),                                  [401, 403, 403, 403, 200, 200]],
  ['PATCH /api/v1/admin/sources/{id}', (c) => req('PATCH', `/admin/sources/${c.fx.sourceId}`, { specialNotes: c.unique }),  [401, 403, 403, 403, 200, 403]],
  ['DELETE /api/v1/admin/sources/{id}', async (c) => req('DELETE', `/admin/sources/${await adminMade(c, '/admin/sources', { name: `Doomed ${c.unique}` })}`), [401, 403, 403, 403, 204, 403]],
  ['GET /api/v1/admin/reference/{table}', () => req('GET', '/admin/reference/majors'),                                      [401, 403, 403, 403, 200, 200]],
  ['POST /api/v1/admin/reference/{table}', (c) => req('POST', '/admin/reference/skills', { name: `Skill ${c.unique}` }),   [401, 403, 403, 403, 201, 403]],
  ['PATCH /api/v1/admin/reference/{table}/{id}', async (c) => req('PATCH', `/admin/reference/skills/${await adminMade(c, '/admin/reference/skills', { name: `Old ${c.unique}` })}`, { name: `New ${c.unique}` }), [401, 403, 403, 403, 200, 403]],
  ['DELETE /api/v1/admin/reference/{table}/{id}', async (c) => req('DELETE', `/admin/reference/majors/${await adminMade(c, '/admin/reference/majors', { name: `Major ${c.unique}` })}`), [401, 403, 403, 403, 204, 403]],
  ['GET /api/v1/admin/reports/links', () => req('GET', '/admin/reports/links'),                                             [401, 403, 403, 403, 200, 200]],
  // No scheduler in this test app: an admin gets past the role check to the 503.
  ['POST /api/v1/admin/reports/links/check', () => req('POST', '/admin/reports/links/check'),                               [401, 403, 403, 403, 503, 403]],
  ['GET /api/v1/admin/users', () => req('GET', '/admin/users?role=student'),                                                [401, 403, 403, 403, 200, 200]],
  ['PATCH /api/v1/admin/users/{id}', async (c) => req('PATCH', `/admin/users/${(await createUserSession(c.app, 'student')).user.id}`, { role: 'graduate' }), [401, 403, 403, 403, 200, 403]],
  ['GET /api/v1/admin/access-logs', () => req('GET', '/admin/access-logs'),                                                 [401, 403, 403, 403, 200, 200]],
  // No cluster with that id: an admin (or superuser, who may read) gets past the role check to the 404.
  ['GET /api/v1/admin/clusters/{id}', () => req('GET', '/admin/clusters/nosuchcluster'),                                  [401, 403, 403, 403, 404, 404]],
  ['POST /api/v1/admin/clusters/{id}/split', () => req('POST', '/admin/clusters/nosuchcluster/split', { jobId: 'nosuchjob' }), [401, 403, 403, 403, 404, 403]],
  ['GET /api/v1/admin/scrape-logs', () => req('GET', '/admin/scrape-logs'),                                                 [401, 403, 403, 403, 200, 200]],
  ['GET /api/v1/admin/scrape-logs/{id}', () => req('GET', '/admin/scrape-logs/nosuchrun'),                                  [401, 403, 403, 403, 404, 404]],
  ['GET /api/v1/admin/schedule-preview', () => req('GET', '/admin/schedule-preview?schedule=0%205%20*%20*%20*'),           [401, 403, 403, 403, 200, 200]],
  ['GET /api/v1/admin/plugins', () => req('GET', '/admin/plugins'),                                                         [401, 403, 403, 403, 503, 503]],
  ['GET /api/v1/admin/plugins/{id}', () => req('GET', '/admin/plugins/civicjobs'),                                          [401, 403, 403, 403, 503, 503]],
  ['PATCH /api/v1/admin/plugins/{id}', () => req('PATCH', '/admin/plugins/civicjobs', { enabled: true }),                   [401, 403, 403, 403, 503, 403]],
  ['POST /api/v1/admin/plugins/{id}/run', () => req('POST', '/admin/plugins/civicjobs/run'),                                [401, 403, 403, 403, 503, 403]],
  ['POST /api/v1/admin/alerts/send-digests', () => req('POST', '/admin/alerts/send-digests'),                               [401, 403, 403, 403, 202, 403]],
  ['GET /api/v1/admin/alerts/preview', () => req('GET', '/admin/alerts/preview?alertId=unknown'),                          [401, 403, 403, 403, 404, 403]],

  // --- analytics
  ['POST /api/v1/analytics/clicks', (c) => req('POST', '/analytics/clicks', { jobId: c.fx.jobId }),                         [202, 202, 202, 202, 202, 202]],
  ['GET /api/v1/analytics/reports', () => req('GET', '/analytics/reports'),                                                 [401, 403, 403, 403, 200, 200]],
];

let fx: Fixtures;
let counter = 0;

beforeAll(async () => {
  const source = await seedSource(t.app, { name: 'Matrix plugin', pluginId: 'matrixplugin' });
  const [jobId] = await seedJobs(t.app, source, [posting({ title: 'Matrix Software Co-op' })]);
  const ownerEmployer = await createUserSession(t.app, 'employer');
  const owned = await t.app.inject({ method: 'POST', url: `${V1}/jobs`, headers: ownerEmployer.headers, payload: { title: 'Owned Matrix Co-op', originalUrl: 'https://owner.example.com/1', description: 'Work.' } });
  fx = { jobId: jobId!, ownerEmployer, ownerJobId: owned.json().id, sourceId: source.id };
});

/**
 * One cell. `caller` (when given) sends the request instead of the cell's session, which still
 * makes the row's fixtures: how an admin without MFA is tried on rows that need an owned resource.
 */
async function send(row: Row, role: Caller, caller?: TestSession) {
  const session = role === 'anonymous' ? undefined : await createUserSession(t.app, role as UserRole);
  const unique = `${role}-${++counter}-${Date.now().toString(36)}`;
  const r = await row[1]({ app: t.app, role, session, fx, unique });
  return t.app.inject({
    method: r.method,
    url: r.url,
    headers: (caller ?? session)?.headers ?? {},
    ...(r.payload === undefined ? {} : { payload: r.payload as object }),
  });
}

const run = async (row: Row, role: Caller): Promise<number> => (await send(row, role)).statusCode;

/**
 * What an admin or superuser who has not turned MFA on gets (ASVS 4.3.1): MFA setup, their own
 * account, sign-out, and the routes that take no session at all. Every other row: 403
 * `PF_ERR_MFA_REQUIRED`, public routes included (a signed-in admin must set MFA up first).
 */
const BEFORE_MFA: Record<string, number> = {
  'GET /health': 200,
  'POST /api/v1/auth/register': 201,
  'POST /api/v1/auth/login': 200,
  'POST /api/v1/auth/logout': 204,
  'POST /api/v1/auth/logout-all': 200,
  'POST /api/v1/auth/mfa/setup': 200,
  'POST /api/v1/auth/mfa/enable': 409,
  'POST /api/v1/auth/mfa/verify': 401,
  'POST /api/v1/auth/password/forgot': 202,
  'POST /api/v1/auth/password/reset': 400,
  'POST /api/v1/auth/verify-email': 400,
  'GET /api/v1/users/me': 200,
  'GET /api/v1/alerts/unsubscribe': 404,
  'POST /api/v1/alerts/unsubscribe': 404,
};

describe('the role matrix', () => {
  it.each(MATRIX.map((row) => [row[0], row] as const))('%s', async (_name, row) => {
    const actual: number[] = [];
    for (const role of ROLES) actual.push(await run(row, role));
    // Compared as one line per row, so a failure shows which callers differ.
    expect(Object.fromEntries(ROLES.map((role, i) => [role, actual[i]]))).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, row[2][i]])));
  });

  it.each(MATRIX.map((row) => [row[0], row] as const))('admin and superuser without MFA: %s', async (name, row) => {
    for (const role of ['admin', 'superuser'] as const) {
      const withoutMfa = await createUserSession(t.app, role, { mfa: false });
      const res = await send(row, role, withoutMfa);
      const expected = BEFORE_MFA[name] ?? 403;
      expect({ role, status: res.statusCode }, res.body).toEqual({ role, status: expected });
      if (expected === 403) expect(res.json().code).toBe('PF_ERR_MFA_REQUIRED');
    }
  });

  it('has a row for every registered route', () => {
    const inTable = new Set(MATRIX.map(([route]) => route.split(' — ')[0]!));
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(registered.filter((r) => !inTable.has(r))).toEqual([]);
    expect([...inTable].filter((r) => !registered.includes(r))).toEqual([]);
  });
});
