import fs from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AccessLog, PasswordResetToken } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { RELAXED_RATE_LIMITS } from '../support/auth.js';
import { decodeQuotedPrintable, login, outboxMessages, register, STRONG_PASSWORD, tempDataDir, uniqueEmail } from './auth-flows.js';

const dataDir = tempDataDir();
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));
const t = useTestApp({ config: { dataDir }, services: { rateLimits: RELAXED_RATE_LIMITS } });
const NEW_PASSWORD = 'a brand new Passphrase 2031';

const forgot = (email: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
const reset = (token: string, password = NEW_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password } });

/** Asks for a reset and reads the token out of the email written to the outbox. */
/** The reset emails in the outbox (registration also mails an address confirmation). */
const resetMails = async () => (await outboxMessages(dataDir)).filter((m) => /^Subject: Reset your Pathfinder password/m.test(decodeQuotedPrintable(m)));

async function requestToken(email: string): Promise<string> {
  const before = (await resetMails()).length;
  expect((await forgot(email)).statusCode).toBe(202);
  // The email is sent after the answer (so timing does not reveal accounts): wait for it.
  const messages = await vi.waitFor(async () => {
    const all = await resetMails();
    if (all.length <= before) throw new Error('no email yet');
    return all;
  }, { timeout: 10_000, interval: 50 });
  const mail = decodeQuotedPrintable(messages.at(-1)!);
  expect(mail).toMatch(new RegExp(`^To: ${email.toLowerCase()}$`, 'm'));
  expect(mail).toMatch(/^Subject: Reset your Pathfinder password/m);
  const token = /Reset token: ([0-9a-f]{64})/.exec(mail)?.[1];
  expect(token).toBeDefined();
  expect(mail).toContain(`http://localhost:8000/reset-password?token=${token}`);
  return token!;
}

describe('password reset', () => {
  it('202 for an unknown email too, and no email is sent', async () => {
    const before = (await resetMails()).length;
    const res = await forgot(uniqueEmail('nobody'));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
    await new Promise((r) => setTimeout(r, 200));
    expect((await resetMails()).length).toBe(before);
  });

  it('emails a token that resets the password once, ends every session, and stores only its hash', async () => {
    const user = await register(t.app);
    const a = await login(t.app, user.email);
    const token = await requestToken(user.email.toUpperCase());
    const em = t.app.ctx.orm.em.fork();
    const row = await em.findOneOrFail(PasswordResetToken, { user: user.id });
    expect(row.tokenHash).not.toBe(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

    expect((await reset(token)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: STRONG_PASSWORD } })).statusCode).toBe(401);
    await login(t.app, user.email, NEW_PASSWORD);

    const second = await reset(token, 'yet another Passphrase 99');
    expect(second.statusCode).toBe(400);
    expect(second.json().message).toMatch(/invalid, expired or already used/);
    expect(await em.count(AccessLog, { user: user.id, action: 'auth.password.reset', outcome: 'success' })).toBe(1);
  });

  it('refuses an expired token, an unknown one, and a weak new password (without spending the token)', async () => {
    const user = await register(t.app);
    const token = await requestToken(user.email);
    const weak = await reset(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/12 characters/);
    // Refused because it is the account's own address: known only once the token is looked up.
    expect((await reset(token, user.email)).json().message).toMatch(/email/);
    expect((await reset('f'.repeat(64))).statusCode).toBe(400);
    expect((await reset('not a token')).statusCode).toBe(400);
    const em = t.app.ctx.orm.em.fork();
    expect((await em.findOneOrFail(PasswordResetToken, { user: user.id })).usedAt).toBeNull();
    const expiring = await requestToken(user.email);
    await em.nativeUpdate(PasswordResetToken, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await reset(expiring)).statusCode).toBe(400);
  });

  it('a refused new password leaves the token usable (validated before the token is spent)', async () => {
    const user = await register(t.app);
    const token = await requestToken(user.email);
    const same = await reset(token, user.email.toUpperCase());
    expect(same.statusCode).toBe(400);
    expect(same.json().details).toMatchObject({ field: 'password' });
    expect((await reset(token)).statusCode).toBe(204);
    await login(t.app, user.email, NEW_PASSWORD);
  });

  it('a newer email replaces the older token', async () => {
    const user = await register(t.app);
    const first = await requestToken(user.email);
    const second = await requestToken(user.email);
    expect((await reset(first)).statusCode).toBe(400);
    expect((await reset(second)).statusCode).toBe(204);
  });

  it('400 on malformed bodies', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: 'nope' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token: 'x'.repeat(500), password: NEW_PASSWORD } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token: 'abc' } })).statusCode).toBe(400);
  });
});

describe('POST /auth/password/change', () => {
  it('needs the current password, checks the new one and ends the other sessions', async () => {
    const user = await register(t.app);
    const a = await login(t.app, user.email);
    const b = await login(t.app, user.email);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password/change', headers: a.headers, payload: { currentPassword, newPassword } });
    expect((await change('wrong password here', NEW_PASSWORD)).statusCode).toBe(400);
    expect((await change(STRONG_PASSWORD, 'password1234')).json().message).toMatch(/common/);
    expect((await change(STRONG_PASSWORD, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: b.headers })).statusCode).toBe(401);
    await login(t.app, user.email, NEW_PASSWORD);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/change', payload: { currentPassword: 'x', newPassword: NEW_PASSWORD } })).statusCode).toBe(401);
    // The session that changed it lives on.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a.headers })).statusCode).toBe(200);
  });
});
