import { describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { Session } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS, TEST_PASSWORD } from '../support/auth.js';
import { ensureAdmin } from '../../src/runtime/ensure-admin.js';
import { uniqueEmail } from './auth-flows.js';

const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('admins and superusers must have MFA (ASVS 4.3.1)', () => {
  it('a fresh install\'s bootstrap admin is led to MFA setup; nothing else answers until MFA is on', async () => {
    const adminEmail = uniqueEmail('bootstrap');
    const adminPassword = 'bootstrap admin Passphrase 1';
    expect(await ensureAdmin(t.app.ctx.orm, { adminEmail, adminPassword })).toEqual({ outcome: 'created', mfaEnabled: false });

    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ mfaRequired: false, mfaSetupRequired: true, user: { role: 'admin', mfaEnabled: false } });
    // The cookie lives no longer than an admin session: 12 hours.
    expect(signIn.cookies.find((c) => c.name === 'pf_session')?.maxAge).toBe(12 * 60 * 60);
    const headers = { authorization: `Bearer ${signIn.json().token}` };

    for (const [method, url] of [['GET', '/admin/sources'], ['GET', '/admin/users'], ['GET', '/jobs'], ['PATCH', '/users/me'], ['POST', '/auth/password/change']] as const) {
      const res = await call(method, url, headers, method === 'GET' ? undefined : url === '/users/me' ? {} : { currentPassword: adminPassword, newPassword: 'another admin Passphrase 2' });
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toMatchObject({ code: 'PF_ERR_MFA_REQUIRED', statusCode: 403 });
    }
    expect((await call('GET', '/users/me', headers)).json()).toMatchObject({ role: 'admin', mfaEnabled: false });

    const setup = await call('POST', '/auth/mfa/setup', headers);
    expect(setup.statusCode).toBe(200);
    const key = decodeBase32IgnorePadding(setup.json().secret);
    expect((await call('POST', '/auth/mfa/enable', headers, { code: generateTOTP(key, 30, 6) })).statusCode).toBe(200);
    // The same session now reaches the admin routes.
    expect((await call('GET', '/admin/sources', headers)).statusCode).toBe(200);
    // And the next sign-in asks for a code.
    const next = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
    expect(next.json()).toMatchObject({ mfaRequired: true, mfaSetupRequired: false });
    expect(await ensureAdmin(t.app.ctx.orm, { adminEmail, adminPassword })).toEqual({ outcome: 'updated', mfaEnabled: true });
  });

  it('a user promoted to admin is held at MFA setup until they turn it on; students are not', async () => {
    const admin = await createUserSession(t.app, 'admin');
    const student = await createUserSession(t.app, 'student');
    expect((await call('GET', '/users/me/saved-jobs', student.headers)).statusCode).toBe(200);
    expect((await call('PATCH', `/admin/users/${student.user.id}`, admin.headers, { role: 'admin' })).statusCode).toBe(200);
    const res = await call('GET', '/users/me/saved-jobs', student.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PF_ERR_MFA_REQUIRED');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: student.user.email, password: TEST_PASSWORD } });
    expect(signIn.json().mfaSetupRequired).toBe(true);
  });

  it('a superuser without MFA is refused too, sign-out still works', async () => {
    const superuser = await createUserSession(t.app, 'superuser', { mfa: false });
    expect((await call('GET', '/admin/access-logs', superuser.headers)).json().code).toBe('PF_ERR_MFA_REQUIRED');
    expect((await call('POST', '/auth/logout', superuser.headers)).statusCode).toBe(204);
    expect(await t.app.ctx.orm.em.fork().count(Session, { id: superuser.token.split('.')[0] })).toBe(0);
  });
});
