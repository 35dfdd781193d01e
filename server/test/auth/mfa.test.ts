import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { AccessLog, Session, User } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { RELAXED_RATE_LIMITS } from '../support/auth.js';
import { login, register, tempDataDir } from './auth-flows.js';

const dataDir = tempDataDir();
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));
const t = useTestApp({ config: { dataDir }, services: { rateLimits: { ...RELAXED_RATE_LIMITS, mfa: { ip: { limit: 1000 }, account: { limit: 5 } } } } });

// Mid-step (…:15), so "now" and its neighbours are unambiguous 30-second steps.
const T0 = Date.UTC(2031, 4, 6, 12, 0, 15);
const STEP = 30_000;

/** The code an authenticator would show at `at` (ms). */
function codeAt(key: Uint8Array, at: number): string {
  const now = Date.now();
  vi.setSystemTime(at);
  const code = generateTOTP(key, 30, 6);
  vi.setSystemTime(now);
  return code;
}

const post = (url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/mfa/${url}`, headers, ...(payload ? { payload } : {}) });

/** A registered, signed-in user with MFA set up (not yet enabled). */
async function setUp() {
  const user = await register(t.app);
  const session = await login(t.app, user.email);
  const res = await post('setup', session.headers);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { secret: string; otpauthUrl: string; qrCodeSvg: string };
  return { user, session, setup: body, key: decodeBase32IgnorePadding(body.secret) };
}

/** …then enabled with the code of time `at` (the clock set to `at` meanwhile, then back to T0). */
async function setUpEnabled(at: number) {
  const ctx = await setUp();
  vi.setSystemTime(at);
  expect((await post('enable', ctx.session.headers, { code: codeAt(ctx.key, at) })).statusCode).toBe(200);
  vi.setSystemTime(T0);
  return ctx;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('MFA', () => {
  it('setup returns the key, an otpauth URL and a QR code, and keeps the key encrypted and pending', async () => {
    const { user, setup } = await setUp();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUrl).toMatch(new RegExp(`^otpauth://totp/Pathfinder:${encodeURIComponent(user.email)}\\?`));
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(setup.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const row = await t.app.ctx.orm.em.fork().findOneOrFail(User, { id: user.id });
    expect(row.mfaEnabled).toBe(false);
    expect(row.mfaSecret).toBeNull();
    expect(row.mfaPendingSecret).toMatch(/^v1\./);
    expect(row.mfaPendingSecret).not.toContain(setup.secret);
    const keyFile = await fs.stat(path.join(dataDir, 'secret.key'));
    expect(keyFile.mode & 0o777).toBe(0o600);
  });

  it('the whole flow: enable, password login gives a pending session, verify upgrades it, replay refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { user, session, key } = await setUp();
    expect((await post('enable', session.headers, { code: '000000' === codeAt(key, T0) ? '111111' : '000000' })).statusCode).toBe(400);
    const enabled = await post('enable', session.headers, { code: codeAt(key, T0) });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().user.mfaEnabled).toBe(true);
    const row = await t.app.ctx.orm.em.fork().findOneOrFail(User, { id: user.id });
    expect(row.mfaSecret).toMatch(/^v1\./);
    expect(row.mfaPendingSecret).toBeNull();

    const pending = await login(t.app, user.email);
    expect(pending.mfaRequired).toBe(true);
    // A pending session is refused everywhere but /auth/mfa/verify.
    expect((await post('setup', pending.headers)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: pending.headers })).statusCode).toBe(401);
    // A full session cannot "verify".
    expect((await post('verify', session.headers, { code: codeAt(key, T0) })).statusCode).toBe(401);

    // The code just used to enable is refused: its time step is spent.
    const replay = await post('verify', pending.headers, { code: codeAt(key, T0) });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().details).toMatchObject({ reason: 'replayed' });

    vi.setSystemTime(T0 + STEP);
    const verified = await post('verify', pending.headers, { code: codeAt(key, T0 + STEP) });
    expect(verified.statusCode).toBe(200);
    const body = verified.json();
    expect(body.user).toMatchObject({ id: user.id, mfaEnabled: true });
    expect(body.token).not.toBe(pending.token);
    expect(verified.cookies.find((c) => c.name === 'pf_session')?.value).toBe(body.token);
    // The pending session is gone; the new one is full.
    expect(await t.app.ctx.orm.em.fork().count(Session, { id: pending.token.split('.')[0] })).toBe(0);
    expect((await post('verify', pending.headers, { code: codeAt(key, T0 + 2 * STEP) })).statusCode).toBe(401);
    const full = { authorization: `Bearer ${body.token}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/setup', headers: full })).statusCode).toBe(409);

    // The same code again, on a new pending session: replay.
    const again = await login(t.app, user.email);
    expect((await post('verify', again.headers, { code: codeAt(key, T0 + STEP) })).json().details.reason).toBe('replayed');
    const em = t.app.ctx.orm.em.fork();
    expect(await em.count(AccessLog, { user: user.id, action: 'auth.mfa.verify', outcome: 'success' })).toBe(1);
    expect(await em.count(AccessLog, { user: user.id, action: 'auth.mfa.verify', outcome: 'failure' })).toBe(2);
  });

  it('accepts one step of clock skew either way, not two', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { user, key } = await setUpEnabled(T0 - 10 * STEP);
    const verifyWith = async (codeTime: number) => {
      const pending = await login(t.app, user.email);
      return (await post('verify', pending.headers, { code: codeAt(key, codeTime) })).statusCode;
    };
    expect(await verifyWith(T0 - 2 * STEP)).toBe(400);
    expect(await verifyWith(T0 + 2 * STEP)).toBe(400);
    expect(await verifyWith(T0 - STEP)).toBe(200);
    // Step T0-1 is spent now; T0 and T0+1 are still unused and later, so they pass.
    expect(await verifyWith(T0 + STEP)).toBe(200);
    // T0 is earlier than the last step used (T0+1): refused as a replay.
    expect(await verifyWith(T0)).toBe(400);
  });

  it('limits code attempts to 5 per window per user, then 429 with Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { user, key } = await setUpEnabled(T0 - 10 * STEP);
    const pending = await login(t.app, user.email);
    const wrong = codeAt(key, T0) === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) expect((await post('verify', pending.headers, { code: wrong })).statusCode).toBe(400);
    const limited = await post('verify', pending.headers, { code: codeAt(key, T0) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('PF_ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // After the window, the right code works again, on a new sign-in: the pending session's ten
    // minutes are over.
    vi.setSystemTime(T0 + 15 * 60 * 1000);
    expect((await post('verify', pending.headers, { code: codeAt(key, T0 + 15 * 60 * 1000) })).statusCode).toBe(401);
    const again = await login(t.app, user.email);
    expect((await post('verify', again.headers, { code: codeAt(key, T0 + 15 * 60 * 1000) })).statusCode).toBe(200);
  });

  it('a pending session lives ten minutes, not days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { user, key } = await setUpEnabled(T0 - 10 * STEP);
    const early = await login(t.app, user.email);
    const late = await login(t.app, user.email);
    expect(late.response.cookies.find((c) => c.name === 'pf_session')?.maxAge).toBe(10 * 60);
    const at = T0 + 9 * 60 * 1000;
    vi.setSystemTime(at);
    expect((await post('verify', early.headers, { code: codeAt(key, at) })).statusCode).toBe(200);
    vi.setSystemTime(T0 + 10 * 60 * 1000 + 1000);
    const expired = await post('verify', late.headers, { code: codeAt(key, T0 + 10 * 60 * 1000 + 1000) });
    expect(expired.statusCode).toBe(401);
    expect(await t.app.ctx.orm.em.fork().count(Session, { id: late.token.split('.')[0] })).toBe(0);
  });

  it('turning MFA on ends every other session of the account and keeps this one', async () => {
    const { user, session, key } = await setUp();
    const other = await login(t.app, user.email);
    const stranger = await login(t.app, (await register(t.app)).email);
    const enabled = await post('enable', session.headers, { code: generateTOTP(key, 30, 6) });
    expect(enabled.statusCode).toBe(200);
    const em = t.app.ctx.orm.em.fork();
    expect(await em.count(Session, { id: other.token.split('.')[0] })).toBe(0);
    expect(await em.count(Session, { id: session.token.split('.')[0] })).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: other.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: session.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: stranger.headers })).statusCode).toBe(200);
    expect((await em.findOneOrFail(AccessLog, { user: user.id, action: 'auth.mfa.enable' })).details).toMatchObject({ sessionsEnded: 1 });
  });

  it('disable needs a valid code and turns MFA off', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { user, session, key } = await setUpEnabled(T0 - STEP);
    expect((await post('disable', session.headers, { code: 'abcdef' })).statusCode).toBe(400);
    expect((await post('disable', session.headers, {})).statusCode).toBe(400);
    const off = await post('disable', session.headers, { code: codeAt(key, T0) });
    expect(off.statusCode).toBe(200);
    expect(off.json().user.mfaEnabled).toBe(false);
    expect((await post('disable', session.headers, { code: codeAt(key, T0 + STEP) })).statusCode).toBe(409);
    const row = await t.app.ctx.orm.em.fork().findOneOrFail(User, { id: user.id });
    expect(row).toMatchObject({ mfaEnabled: false, mfaSecret: null, mfaPendingSecret: null });
    expect((await login(t.app, user.email)).mfaRequired).toBe(false);
  });

  it('enable without setup is a conflict; every MFA route needs a session', async () => {
    const user = await register(t.app);
    const session = await login(t.app, user.email);
    expect((await post('enable', session.headers, { code: '123456' })).statusCode).toBe(409);
    for (const route of ['setup', 'enable', 'verify', 'disable']) {
      expect((await post(route, {}, { code: '123456' })).statusCode, route).toBe(401);
    }
  });
});
