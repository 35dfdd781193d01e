import { describe, expect, it } from 'vitest';
import { AccessLog, DataSource, User, UserProfile } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { RELAXED_RATE_LIMITS } from '../support/auth.js';
import { register, STRONG_PASSWORD, uniqueEmail } from './auth-flows.js';

const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });
const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: payload as object });

describe('POST /auth/register', () => {
  it('creates a student with a profile, normalised email, consent date and no secrets in the answer', async () => {
    const raw = `  MiXeD-${Date.now()}@Example.TEST `;
    const res = await post({ email: raw, password: STRONG_PASSWORD, role: 'student', consent: true });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toEqual({
      id: expect.any(String), email: raw.trim().toLowerCase(), role: 'student', mfaEnabled: false, emailVerified: false, emailVerifiedAt: null,
      consentGiven: true, consentDate: expect.stringMatching(/Z$/), consentWithdrawn: null, createdAt: expect.any(String),
    });
    expect(res.body).not.toMatch(/passwordHash|argon2|mfaSecret/);
    const em = t.app.ctx.orm.em.fork();
    const row = await em.findOneOrFail(User, { id: user.id });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await em.count(UserProfile, { user: user.id })).toBe(1);
    expect(await em.count(AccessLog, { user: user.id, action: 'auth.register', outcome: 'success' })).toBe(1);
  });

  it('records no consent date when consent is false', async () => {
    const user = await register(t.app, { role: 'graduate', consent: false });
    expect(user).toMatchObject({ role: 'graduate', consentGiven: false, consentDate: null });
  });

  it('400 with the reason for a short, common or email-equal password', async () => {
    const short = await post({ email: uniqueEmail(), password: 'short', role: 'student', consent: true });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/at least 12 characters/);
    const common = await post({ email: uniqueEmail(), password: 'Password1234', role: 'student', consent: true });
    expect(common.statusCode).toBe(400);
    expect(common.json().message).toMatch(/too common/);
    const repeated = await post({ email: uniqueEmail(), password: 'abcabcabcabc', role: 'student', consent: true });
    expect(repeated.json().message).toMatch(/repeated/);
    const email = uniqueEmail('same');
    const same = await post({ email, password: email, role: 'student', consent: true });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toMatch(/email/);
  });

  it('400 for admin, superuser or an unknown role, and for missing or malformed fields', async () => {
    for (const role of ['admin', 'superuser', 'wizard']) {
      const res = await post({ email: uniqueEmail(), password: STRONG_PASSWORD, role, consent: true });
      expect(res.statusCode, role).toBe(400);
      expect(res.json()).toMatchObject({ code: 'PF_ERR_VALIDATION', message: 'body/role must be equal to one of the allowed values' });
    }
    expect((await post({ email: 'not-an-email', password: STRONG_PASSWORD, role: 'student', consent: true })).statusCode).toBe(400);
    expect((await post({ email: uniqueEmail(), password: STRONG_PASSWORD, role: 'student' })).statusCode).toBe(400);
    expect((await post({ email: `${'a'.repeat(400)}@x.io`, password: STRONG_PASSWORD, role: 'student', consent: true })).statusCode).toBe(400);
    expect((await post({ email: uniqueEmail(), password: 'x'.repeat(10_000), role: 'student', consent: true })).statusCode).toBe(400);
    expect((await post([1, 2])).statusCode).toBe(400);
  });

  it('gives an employer their own employer source, named after the company or the email domain', async () => {
    const named = await register(t.app, { role: 'employer', email: uniqueEmail('hr').replace('example.test', 'acme-widgets.ca'), companyName: 'Acme Widgets' });
    const byDomain = await register(t.app, { role: 'employer', email: `jobs-${Date.now()}@northwind.ca` });
    const again = await register(t.app, { role: 'employer', email: `talent-${Date.now()}@northwind.ca` });
    const em = t.app.ctx.orm.em.fork();
    const sourceOf = (id: string) => em.findOneOrFail(DataSource, { employerUser: id });
    expect(await sourceOf(named.id)).toMatchObject({ name: 'Acme Widgets', sourceType: 'employer' });
    expect((await sourceOf(byDomain.id)).name).toBe('northwind.ca');
    expect((await sourceOf(again.id)).name).toBe('northwind.ca (2)');
    const student = await register(t.app);
    expect(await em.count(DataSource, { employerUser: student.id })).toBe(0);
  });
});
