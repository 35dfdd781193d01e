import { describe, expect, it } from 'vitest';
import { AccessLog, Session } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../support/auth.js';
import { login, register, STRONG_PASSWORD, uniqueEmail } from './auth-flows.js';

const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A route that needs a full session and changes nothing: the ended count is informative. */
const whoAmI = (headers: Record<string, string>, cookies?: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/setup', headers, ...(cookies ? { cookies } : {}) });

describe('POST /auth/login', () => {
  it('returns a token, the user and mfaRequired false, and sets the session cookie', async () => {
    const user = await register(t.app);
    const res = await login(t.app, user.email.toUpperCase());
    expect(res.mfaRequired).toBe(false);
    expect(res.user).toMatchObject({ id: user.id, email: user.email });
    expect(res.token).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
    const cookie = res.response.cookies.find((c) => c.name === 'pf_session');
    expect(cookie).toMatchObject({ value: res.token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect((await whoAmI(res.headers)).statusCode).toBe(200);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const user = await register(t.app);
    const { token } = await login(t.app, user.email);
    const [id, secret] = token.split('.');
    const row = await t.app.ctx.orm.em.fork().findOneOrFail(Session, { id });
    const stored = Buffer.from(row.secretHash as Uint8Array);
    expect(stored).toHaveLength(32);
    expect(stored.toString('hex')).toBe((await import('node:crypto')).createHash('sha256').update(secret!).digest('hex'));
    expect(row.mfaVerified).toBe(true);
  });

  it('401 with one message for a wrong password and an unknown email, both logged', async () => {
    const user = await register(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'not the password at all' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: uniqueEmail('ghost'), password: STRONG_PASSWORD } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const em = t.app.ctx.orm.em.fork();
    expect(await em.count(AccessLog, { user: user.id, action: 'auth.login', outcome: 'failure' })).toBe(1);
    expect(await em.count(AccessLog, { user: null, action: 'auth.login', outcome: 'failure' })).toBeGreaterThanOrEqual(1);
  });

  it('400 on malformed input', async () => {
    for (const payload of [{}, { email: 'a@b.ca' }, { email: 'a@b.ca', password: { a: 1 } }, { email: 'x'.repeat(1000), password: 'p' }]) {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload })).statusCode).toBe(400);
    }
  });
});

describe('sessions', () => {
  it('expire after sessionTtlDays of inactivity and are deleted', async () => {
    const user = await register(t.app);
    const s = await login(t.app, user.email);
    const id = s.token.split('.')[0];
    const em = t.app.ctx.orm.em.fork();
    await em.nativeUpdate(Session, { id }, { lastVerifiedAt: new Date(Date.now() - 9.9 * DAY) });
    expect((await whoAmI(s.headers)).statusCode).toBe(200);
    await em.nativeUpdate(Session, { id }, { lastVerifiedAt: new Date(Date.now() - 10.1 * DAY) });
    expect((await whoAmI(s.headers)).statusCode).toBe(401);
    expect(await em.count(Session, { id })).toBe(0);
  });

  it('end 30 days after sign-in however active (absolute lifetime), 12 hours for admins and superusers', async () => {
    const em = t.app.ctx.orm.em.fork();
    const age = async (token: string, ms: number) =>
      em.nativeUpdate(Session, { id: token.split('.')[0] }, { createdAt: new Date(Date.now() - ms), lastVerifiedAt: new Date() });
    const me = (token: string) => t.app.inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });

    const student = await createUserSession(t.app, 'student');
    await age(student.token, 29.9 * DAY);
    expect((await me(student.token)).statusCode).toBe(200);
    await age(student.token, 30 * DAY + 1000);
    expect((await me(student.token)).statusCode).toBe(401);
    expect(await em.count(Session, { id: student.token.split('.')[0] })).toBe(0);

    for (const role of ['admin', 'superuser'] as const) {
      const s = await createUserSession(t.app, role);
      await age(s.token, 11.9 * HOUR);
      expect((await me(s.token)).statusCode, role).toBe(200);
      await age(s.token, 12 * HOUR + 1000);
      expect((await me(s.token)).statusCode, role).toBe(401);
    }
  });

  it('a renewed cookie never outlives the absolute lifetime', async () => {
    const user = await register(t.app);
    const s = await login(t.app, user.email);
    const em = t.app.ctx.orm.em.fork();
    // Created 25 days ago, idle 2 hours: renewed, but only for the 5 days left.
    await em.nativeUpdate(Session, { id: s.token.split('.')[0] }, { createdAt: new Date(Date.now() - 25 * DAY), lastVerifiedAt: new Date(Date.now() - 2 * HOUR) });
    const renewed = (await t.app.inject({ url: '/api/v1/users/me', cookies: { pf_session: s.token } })).cookies.find((c) => c.name === 'pf_session');
    expect(renewed?.maxAge).toBeGreaterThan(5 * DAY / 1000 - 60);
    expect(renewed?.maxAge).toBeLessThanOrEqual(5 * DAY / 1000);
  });

  it('refresh lastVerifiedAt at most hourly', async () => {
    const user = await register(t.app);
    const s = await login(t.app, user.email);
    const id = s.token.split('.')[0];
    const em = t.app.ctx.orm.em.fork();
    const recent = new Date(Date.now() - 30 * 60 * 1000);
    await em.nativeUpdate(Session, { id }, { lastVerifiedAt: recent });
    await whoAmI(s.headers);
    expect((await em.fork().findOneOrFail(Session, { id })).lastVerifiedAt.getTime()).toBe(recent.getTime());
    await em.nativeUpdate(Session, { id }, { lastVerifiedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) });
    await whoAmI(s.headers);
    expect((await em.fork().findOneOrFail(Session, { id })).lastVerifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('renew the cookie when a cookie session is refreshed, not otherwise', async () => {
    const user = await register(t.app);
    const s = await login(t.app, user.email);
    const id = s.token.split('.')[0];
    const em = t.app.ctx.orm.em.fork();
    const get = () => t.app.inject({ url: '/api/v1/users/me', cookies: { pf_session: s.token } });
    expect((await get()).cookies).toEqual([]);
    await em.nativeUpdate(Session, { id }, { lastVerifiedAt: new Date(Date.now() - 3 * DAY) });
    const renewed = (await get()).cookies.find((c) => c.name === 'pf_session');
    expect(renewed).toMatchObject({ value: s.token, httpOnly: true, maxAge: 10 * 24 * 60 * 60 });
  });

  it('cookie sessions need our origin for state changes; Bearer does not', async () => {
    const user = await register(t.app);
    const s = await login(t.app, user.email);
    const cookies = { pf_session: s.token };
    expect((await whoAmI({}, cookies)).statusCode).toBe(403);
    expect((await whoAmI({ origin: 'https://attacker.example' }, cookies)).statusCode).toBe(403);
    expect((await whoAmI({ origin: 'http://localhost:8000' }, cookies)).statusCode).toBe(200);
    expect((await whoAmI(s.headers)).statusCode).toBe(200);
  });

  it('POST /auth/logout ends this session only and clears the cookie', async () => {
    const user = await register(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'pf_session')?.value).toBe('');
    expect((await whoAmI(a.headers)).statusCode).toBe(401);
    expect((await whoAmI(b.headers)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers })).statusCode).toBe(401);
  });

  it('POST /auth/logout-all ends every session of the account', async () => {
    const user = await register(t.app);
    const other = await register(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    const o = await login(t.app, other.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await whoAmI(a.headers)).statusCode).toBe(401);
    expect((await whoAmI(b.headers)).statusCode).toBe(401);
    expect((await whoAmI(o.headers)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all' })).statusCode).toBe(401);
  });
});

describe('the session cookie over https', () => {
  it('is Secure when the public URL is https', async () => {
    const { buildApp } = await import('../../src/app.js');
    const { testConfig } = await import('../helpers.js');
    const app = await buildApp({ config: testConfig({ publicUrl: 'https://jobs.example.ca' }), orm: t.db.orm, logger: false, services: { rateLimits: RELAXED_RATE_LIMITS } });
    try {
      const user = await register(app);
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: STRONG_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'pf_session')?.secure).toBe(true);
    } finally {
      await app.close();
    }
  });
});
