import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccessLog, User, UserProfile } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../support/auth.js';
import { parseMail } from '../../../core/test/mail/mime.js';
import { startSmtpCapture } from '../../../core/test/mail/smtp-capture.js';
import { signEmailToken } from '../../src/auth/email-verification.js';
import { login, register, STRONG_PASSWORD, uniqueEmail } from './auth-flows.js';

// A real SMTP server for the account mails (started before the app, whose config names it).
const smtp = await startSmtpCapture();
afterAll(() => smtp.close());
const t = useTestApp({ config: { smtpUrl: smtp.url }, services: { rateLimits: RELAXED_RATE_LIMITS } });
beforeEach(() => {
  smtp.messages.length = 0;
});

const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth/${url}`, headers, ...(payload ? { payload } : {}) });

/** The mails to `to` once `count` arrived (they are sent after the answer), decoded. */
async function mailsTo(to: string, count = 1) {
  return vi.waitFor(() => {
    const mine = smtp.messages.filter((m) => m.to.includes(to));
    if (mine.length < count) throw new Error(`${mine.length} of ${count} mails to ${to} so far`);
    return mine.map((m) => parseMail(m.raw));
  }, { timeout: 10_000, interval: 25 });
}

const tokenIn = (text: string | undefined) => /Confirmation token: (\S+)/.exec(text ?? '')?.[1];

describe('registering an address that already has an account', () => {
  it('answers exactly like a new registration, creates nothing, and tells the owner by email', async () => {
    const email = uniqueEmail('taken');
    const first = await post('register', { email, password: STRONG_PASSWORD, role: 'student', consent: true });
    const again = await post('register', { email: ` ${email.toUpperCase()} `, password: 'another long Passphrase 9', role: 'employer', consent: false });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    // The same shape, field for field and type for type; only the values of a new account differ.
    const shape = (body: { user: Record<string, unknown> }) => Object.fromEntries(Object.entries(body.user).map(([k, v]) => [k, v === null ? 'null' : typeof v]));
    expect(shape(again.json())).toEqual({ ...shape(first.json()), consentDate: 'null' });
    expect(again.json().user).toMatchObject({ email, role: 'employer', mfaEnabled: false, emailVerified: false, consentGiven: false });
    expect(again.json().user.id).not.toBe(first.json().user.id);
    expect(Object.keys(again.headers).sort()).toEqual(Object.keys(first.headers).sort());

    const em = t.app.ctx.orm.em.fork();
    expect(await em.count(User, { email })).toBe(1);
    expect(await em.count(User, { id: again.json().user.id })).toBe(0);
    expect((await em.findOneOrFail(User, { email })).role).toBe('student');
    // The owner's password is unchanged.
    await login(t.app, email);

    const mails = await mailsTo(email, 2);
    const notice = mails.find((m) => /tried to register/.test(m.headers.subject ?? ''));
    expect(notice?.text).toMatch(/already has one/);
    expect(notice?.text).toContain('http://localhost:8000/sign-in');
    expect(notice?.text).toContain('http://localhost:8000/forgot-password');
    expect(await em.count(AccessLog, { action: 'auth.register', outcome: 'failure' })).toBeGreaterThanOrEqual(1);
  });

  it('two registrations of one new address at once: one account, both answered 201', async () => {
    const email = uniqueEmail('race');
    const both = await Promise.all([0, 1].map(() => post('register', { email, password: STRONG_PASSWORD, role: 'student', consent: true })));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await t.app.ctx.orm.em.fork().count(User, { email })).toBe(1);
    expect(await t.app.ctx.orm.em.fork().count(UserProfile, { user: { email } })).toBe(1);
  });
});

describe('confirming the email address', () => {
  it('mails a link at registration; the token confirms the address once shown on /users/me', async () => {
    const user = await register(t.app);
    const [mail] = await mailsTo(user.email);
    expect(mail!.headers.subject).toBe('Confirm your email address for Pathfinder');
    const token = tokenIn(mail!.text)!;
    expect(mail!.text).toContain(`http://localhost:8000/verify-email?token=${encodeURIComponent(token)}`);

    const session = await login(t.app, user.email);
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: session.headers });
    expect((await me()).json()).toMatchObject({ emailVerified: false, emailVerifiedAt: null });

    const verified = await post('verify-email', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ email: user.email, emailVerified: true });
    expect((await me()).json()).toMatchObject({ emailVerified: true, emailVerifiedAt: verified.json().emailVerifiedAt });
    // Opening the link again changes nothing.
    expect((await post('verify-email', { token })).json().emailVerifiedAt).toBe(verified.json().emailVerifiedAt);
    // Nothing left to resend.
    expect((await post('verify-email/resend', undefined, session.headers)).statusCode).toBe(409);
  });

  it('refuses forged, tampered, expired and malformed tokens with PF_ERR_TOKEN_INVALID', async () => {
    const user = await register(t.app);
    const other = await register(t.app);
    const [mail] = await mailsTo(user.email);
    const token = tokenIn(mail!.text)!;
    const [id, expires, signature] = token.split('.');
    const config = t.app.ctx.config;
    const expired = await signEmailToken(config, { id: user.id, email: user.email }, Date.now() - 49 * 60 * 60 * 1000);
    const otherAddress = await signEmailToken(config, { id: user.id, email: 'someone-else@example.test' });
    const flipped = signature!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const bad of [
      `${other.id}.${expires}.${signature}`, // another user's id under this signature
      `${id}.${Number(expires) + 3600}.${signature}`, // a later expiry
      `${id}.${expires}.${flipped}`,
      expired,
      otherAddress,
      'not-a-token',
      `${id}.${expires}`,
    ]) {
      const res = await post('verify-email', { token: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code).toBe('PF_ERR_TOKEN_INVALID');
    }
    expect((await t.app.ctx.orm.em.fork().findOneOrFail(User, { id: user.id })).emailVerifiedAt).toBeNull();
  });

  it('resend mails a fresh link to a signed-in user whose address is unconfirmed, at most 3 an hour', async () => {
    const user = await register(t.app);
    await mailsTo(user.email);
    const session = await login(t.app, user.email);
    expect((await post('verify-email/resend')).statusCode).toBe(401);
    const res = await post('verify-email/resend', undefined, session.headers);
    expect(res.statusCode).toBe(202);
    const mails = await mailsTo(user.email, 2);
    const token = tokenIn(mails[1]!.text)!;
    expect((await post('verify-email', { token })).statusCode).toBe(200);

    const { buildApp } = await import('../../src/app.js');
    const { testConfig } = await import('../helpers.js');
    const strict = await buildApp({ config: testConfig({ smtpUrl: smtp.url }), orm: t.db.orm, logger: false });
    try {
      const fresh = await createUserSession(strict, 'student', { emailVerified: false });
      const resend = () => strict.inject({ method: 'POST', url: '/api/v1/auth/verify-email/resend', headers: fresh.headers });
      expect([(await resend()).statusCode, (await resend()).statusCode, (await resend()).statusCode]).toEqual([202, 202, 202]);
      expect((await resend()).statusCode).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
