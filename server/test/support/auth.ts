import type { FastifyInstance } from 'fastify';
import type { RateLimitOverrides } from '../../src/rate-limit/rules.js';
import { User, UserProfile, type IUser, type UserRole } from '@pathfinder/core';
import { hashPassword } from '../../src/auth/password.js';
import { createSession } from '../../src/auth/sessions.js';
import { isPrivileged } from '../../src/auth/session-policy.js';
import { sealForUser } from '../../src/auth/mfa-state.js';
import { newTotpKey } from '../../src/auth/totp.js';

/** The password every user made by `createUserSession` has (to test login with them). */
export const TEST_PASSWORD = 'test-only Pathfinder pass 7';

let passwordHash: Promise<string> | undefined;
let counter = 0;

export interface TestSession {
  user: IUser;
  /** `<id>.<secret>`, MFA-verified. */
  token: string;
  /** Spread into `inject({ headers })`. */
  headers: { authorization: string };
  /** The user's password (`TEST_PASSWORD`). */
  password: string;
  /** The TOTP key when MFA is on (admins and superusers by default), to make codes with `generateTOTP`. */
  mfaKey: Uint8Array | null;
}

/**
 * Creates a user directly in the database (with an empty profile, a confirmed email address) and
 * a full session for them. Admins and superusers get MFA on (with a real key, in `mfaKey`), as they
 * must have it; pass `mfa: false` for one that has not set it up yet.
 *
 * @example
 * const admin = await createUserSession(t.app, 'admin');
 * const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: admin.headers });
 */
export async function createUserSession(
  app: FastifyInstance,
  role: UserRole,
  overrides: { email?: string; consent?: boolean; mfa?: boolean; emailVerified?: boolean } = {},
): Promise<TestSession> {
  // Hashing is the slow part (argon2id); one hash serves every test user of the file.
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const em = app.ctx.orm.em.fork();
  const consent = overrides.consent ?? true;
  const email = (overrides.email ?? `${role}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.test`).trim().toLowerCase();
  const user = em.create(User, {
    email,
    passwordHash: await passwordHash,
    role,
    consentGiven: consent,
    consentDate: consent ? new Date() : null,
    emailVerifiedAt: overrides.emailVerified === false ? null : new Date(),
    mfaEnabled: false,
  });
  em.create(UserProfile, { user });
  await em.flush();
  let mfaKey: Uint8Array | null = null;
  if (overrides.mfa ?? isPrivileged(role)) {
    mfaKey = newTotpKey();
    user.mfaSecret = await sealForUser(app.ctx.config, user, mfaKey);
    user.mfaEnabled = true;
    await em.flush();
  }
  const { token } = await createSession(em, user, { mfaVerified: true, ip: '127.0.0.1', userAgent: 'vitest' });
  return { user, token, headers: { authorization: `Bearer ${token}` }, password: TEST_PASSWORD, mfaKey };
}

/**
 * Rate limits high enough that a test file's many sign-ins from 127.0.0.1 never hit them; pass as
 * `useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } })` when a file is not about limits.
 */
export const RELAXED_RATE_LIMITS: RateLimitOverrides = {
  ...Object.fromEntries(
    (['login', 'register', 'forgot', 'reset', 'mfa', 'verify-email'] as const).map((action) => [action, { ip: { limit: 100_000 }, account: { limit: 100_000 } }]),
  ),
  login: { ip: { limit: 100_000 }, backoff: { freeAttempts: 100_000 } },
};
