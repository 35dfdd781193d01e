import { describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { AccessLog, DataSource, JobAlert, JobClick, SavedJob, Session, User, UserProfile } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../support/auth.js';
import { login, register } from '../auth/auth-flows.js';
import { createJob } from './fixtures.js';

const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });
const me = (method: 'GET' | 'PATCH' | 'DELETE', headers: Record<string, string>, payload?: object, url = '/api/v1/users/me') =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const emptyProfile = { firstName: null, lastName: null, school: null, program: null, major: null, graduationYear: null, province: null, city: null };

describe('GET/PATCH /users/me', () => {
  it('401 without a session', async () => {
    expect((await me('GET', {})).statusCode).toBe(401);
    expect((await me('PATCH', {}, { city: 'x' })).statusCode).toBe(401);
    expect((await me('DELETE', {})).statusCode).toBe(401);
  });

  it('shows the account and an empty profile, never secrets', async () => {
    const s = await createUserSession(t.app, 'student');
    const res = await me('GET', s.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: s.user.id, email: s.user.email, role: 'student', mfaEnabled: false, emailVerified: true, profile: emptyProfile });
    expect(res.body).not.toMatch(/passwordHash|mfaSecret|mfaPendingSecret|argon/);
  });

  it('updates the given fields, clears with null or "", checks the province against the table', async () => {
    const s = await createUserSession(t.app, 'graduate');
    const res = await me('PATCH', s.headers, { firstName: '  Ada ', lastName: 'Lovelace', school: 'University of Waterloo', program: 'BASc', major: 'Computer Engineering', graduationYear: 2027, province: 'on', city: 'Waterloo', role: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'graduate', profile: { firstName: 'Ada', lastName: 'Lovelace', province: 'ON', graduationYear: 2027, city: 'Waterloo' } });
    const cleared = await me('PATCH', s.headers, { city: '', school: null });
    expect(cleared.json().profile).toMatchObject({ firstName: 'Ada', city: null, school: null, province: 'ON' });
    expect((await me('GET', s.headers)).json().profile).toEqual(cleared.json().profile);
    expect((await me('PATCH', s.headers, { province: null })).json().profile.province).toBeNull();
    expect(await t.app.ctx.orm.em.fork().count(AccessLog, { user: s.user.id, action: 'user.update' })).toBe(3);
  });

  it('400 for an unknown province, a bad year, a huge string or wrong types', async () => {
    const s = await createUserSession(t.app, 'student');
    const unknown = await me('PATCH', s.headers, { province: 'ZZ' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/ZZ/);
    for (const payload of [{ province: 'Ontario' }, { graduationYear: 1800 }, { graduationYear: 'soon' }, { firstName: 'x'.repeat(101) }, { city: { a: 1 } }]) {
      expect((await me('PATCH', s.headers, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('POST /users/me/consent', () => {
  it('records when consent is withdrawn and given again', async () => {
    const s = await createUserSession(t.app, 'student');
    const consent = (given: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/users/me/consent', headers: s.headers, payload: { given } });
    const withdrawn = await consent(false);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ consentGiven: false, consentWithdrawn: expect.any(String) });
    const given = await consent(true);
    expect(given.json()).toMatchObject({ consentGiven: true, consentDate: expect.any(String), consentWithdrawn: withdrawn.json().consentWithdrawn });
    expect(new Date(given.json().consentDate).getTime()).toBeGreaterThanOrEqual(new Date(withdrawn.json().consentWithdrawn).getTime());
    expect((await consent('maybe')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users/me/consent', payload: { given: true } })).statusCode).toBe(401);
  });
});

describe('GET /users/me/export', () => {
  it('returns all personal data as an attachment, without tokens or hashes', async () => {
    const user = await register(t.app, { consent: true });
    const s = await login(t.app, user.email);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: s.headers, payload: { firstName: 'Grace', province: 'QC' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/users/me/consent', headers: s.headers, payload: { given: false } });
    const jobId = await createJob(t.app);
    await t.app.inject({ method: 'POST', url: `/api/v1/users/me/saved-jobs/${jobId}`, headers: s.headers });
    await t.app.inject({ method: 'POST', url: '/api/v1/users/me/alerts', headers: s.headers, payload: { name: 'Ottawa co-ops', province: ['ON'] } });
    const em = t.app.ctx.orm.em.fork();
    em.create(JobClick, { job: jobId, user: user.id, via: 'apply', at: new Date() });
    await em.flush();

    const res = await t.app.inject({ url: '/api/v1/users/me/export', headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.json"/);
    const data = res.json();
    expect(data.account).toMatchObject({ id: user.id, email: user.email, consentGiven: false, profile: { firstName: 'Grace', province: 'QC' } });
    expect(data.savedJobs).toHaveLength(1);
    expect(data.savedJobs[0]).toMatchObject({ jobId, job: { title: 'Software developer co-op' } });
    expect(data.alerts).toEqual([expect.objectContaining({ name: 'Ottawa co-ops', province: ['ON'] })]);
    expect(data.consentHistory.map((c: { given: boolean; via: string }) => [c.given, c.via])).toEqual([[true, 'registration'], [false, 'consent']]);
    expect(data.sessions).toEqual([expect.objectContaining({ current: true, mfaVerified: true })]);
    expect(data.activity.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['auth.register', 'auth.login', 'user.update', 'user.consent']));
    expect(data.jobClicks).toEqual([expect.objectContaining({ jobId, via: 'apply' })]);
    expect(res.body).not.toContain(s.token.split('.')[1]);
    expect(res.body).not.toMatch(/argon2|secretHash|passwordHash|unsubscribeToken/);
  });
});

describe('DELETE /users/me', () => {
  it('deletes the account and personal data; clicks and logs lose the user; an employer source stays', async () => {
    const user = await register(t.app, { role: 'employer', companyName: `Deletable Co ${Date.now()}` });
    const s = await login(t.app, user.email);
    const other = await createUserSession(t.app, 'student');
    const jobId = await createJob(t.app);
    await t.app.inject({ method: 'POST', url: `/api/v1/users/me/saved-jobs/${jobId}`, headers: s.headers });
    await t.app.inject({ method: 'POST', url: `/api/v1/users/me/saved-jobs/${jobId}`, headers: other.headers });
    await t.app.inject({ method: 'POST', url: '/api/v1/users/me/alerts', headers: s.headers, payload: { name: 'All' } });
    const em = t.app.ctx.orm.em.fork();
    const click = em.create(JobClick, { job: jobId, user: user.id, via: 'apply', at: new Date() });
    await em.flush();

    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: s.headers, payload: { password: 'maple-syrup Rivers 42 okay' } });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'pf_session')?.value).toBe('');
    const check = em.fork();
    expect(await check.count(User, { id: user.id })).toBe(0);
    expect(await check.count(UserProfile, { user: user.id })).toBe(0);
    expect(await check.count(Session, { user: user.id })).toBe(0);
    expect(await check.count(SavedJob, { user: user.id })).toBe(0);
    expect(await check.count(JobAlert, { user: user.id })).toBe(0);
    expect((await check.findOneOrFail(JobClick, { id: click.id })).user).toBeNull();
    const source = await check.findOneOrFail(DataSource, { name: { $like: 'Deletable Co%' } });
    expect(source.employerUser).toBeNull();
    expect(await check.count(AccessLog, { action: 'user.delete', resource: `user:${user.id}`, user: null })).toBe(1);
    // The other user's data is untouched; the deleted session is dead.
    expect(await check.count(SavedJob, { user: other.user.id })).toBe(1);
    expect((await me('GET', s.headers)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'maple-syrup Rivers 42 okay' } })).statusCode).toBe(401);
  });

  it('asks for the current password: 400 PF_ERR_REAUTH_REQUIRED without it, 403 PF_ERR_REAUTH_FAILED when wrong', async () => {
    const s = await createUserSession(t.app, 'student');
    const del = (payload?: object) => t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: s.headers, ...(payload ? { payload } : {}) });
    const bare = await del();
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'PF_ERR_REAUTH_REQUIRED', details: { field: 'password' } });
    expect((await del({})).json().code).toBe('PF_ERR_REAUTH_REQUIRED');
    // A code is no proof while MFA is off.
    expect((await del({ code: '123456' })).json().code).toBe('PF_ERR_REAUTH_REQUIRED');
    const wrong = await del({ password: 'not my password at all' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('PF_ERR_REAUTH_FAILED');
    const em = t.app.ctx.orm.em.fork();
    expect(await em.count(User, { id: s.user.id })).toBe(1);
    expect(await em.count(AccessLog, { user: s.user.id, action: 'user.delete', outcome: 'failure' })).toBe(1);
    expect((await del({ password: s.password })).statusCode).toBe(204);
    expect(await em.count(User, { id: s.user.id })).toBe(0);
  });

  it('with MFA on, a fresh code does instead of the password; a replayed one does not', async () => {
    const s = await createUserSession(t.app, 'graduate', { mfa: true });
    const del = (payload: object) => t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: s.headers, payload });
    const code = generateTOTP(s.mfaKey!, 30, 6);
    const wrong = await del({ code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'PF_ERR_REAUTH_FAILED', details: { field: 'code' } });
    expect((await del({})).json().message).toMatch(/password or a code/);
    expect((await del({ code })).statusCode).toBe(204);
    expect(await t.app.ctx.orm.em.fork().count(User, { id: s.user.id })).toBe(0);
  });
});
