import type { EntityManager } from '@mikro-orm/postgresql';
import { Session, type ISession, type IUser } from '@pathfinder/core';
import { mintSessionToken, parseSessionToken, secretMatches } from './session-token.js';
import { sessionExpiry } from './session-policy.js';

const HOUR_MS = 60 * 60 * 1000;

export interface SessionOptions {
  /** False for the pending session of a password login that still needs the TOTP code. */
  mfaVerified: boolean;
  ip?: string | null;
  userAgent?: string | null;
}

export interface ValidSession {
  session: ISession;
  user: IUser;
  /** True when this check pushed `lastVerifiedAt` forward (a cookie's lifetime should follow). */
  refreshed: boolean;
  /** When the session ends if unused: the sooner of the idle and the absolute expiry. */
  expiresAt: Date;
}

/**
 * Creates a session row and returns the token for the client (`<id>.<secret>`).
 *
 * @example
 * const { token } = await createSession(em, user, { mfaVerified: true, ip: request.ip });
 */
export async function createSession(em: EntityManager, user: IUser, options: SessionOptions): Promise<{ token: string; session: ISession }> {
  const minted = mintSessionToken();
  const now = new Date();
  const session = em.create(Session, {
    id: minted.id,
    secretHash: Buffer.from(minted.secretHash),
    user,
    createdAt: now,
    lastVerifiedAt: now,
    mfaVerified: options.mfaVerified,
    ip: options.ip?.slice(0, 64) ?? null,
    userAgent: options.userAgent?.slice(0, 400) ?? null,
  });
  await em.flush();
  return { token: minted.token, session };
}

/**
 * The session and user behind a token, or null when it is malformed, unknown, wrong or expired.
 * Two expiries, whichever comes first (ASVS 3.3.1/3.3.2):
 * - inactivity: `ttlDays` after `lastVerifiedAt`, which is pushed forward at most hourly so a busy
 *   API does not write on every request;
 * - absolute, from creation (`absoluteExpiry`): 12 h for admins and superusers, 30 days for
 *   others, 10 minutes for a session still waiting for its TOTP code. Activity never extends it.
 */
export async function validateSessionToken(em: EntityManager, token: string, ttlDays: number, now = new Date()): Promise<ValidSession | null> {
  const parts = parseSessionToken(token);
  if (!parts) return null;
  const session = await em.findOne(Session, { id: parts.id }, { populate: ['user'] });
  if (!session) return null;
  if (!secretMatches(parts.secret, session.secretHash as Uint8Array)) return null;
  const user = session.user as unknown as IUser;
  if (now.getTime() >= sessionExpiry(session, user.role, ttlDays).getTime()) {
    await em.nativeDelete(Session, { id: session.id });
    return null;
  }
  const refreshed = now.getTime() - session.lastVerifiedAt.getTime() >= HOUR_MS;
  if (refreshed) {
    session.lastVerifiedAt = now;
    await em.nativeUpdate(Session, { id: session.id }, { lastVerifiedAt: now });
  }
  return { session, user, refreshed, expiresAt: sessionExpiry(session, user.role, ttlDays) };
}

export async function invalidateSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(Session, { id: sessionId });
}

/**
 * Ends every session of a user but `keepSessionId` (the caller's own): after a password change or
 * turning MFA on, a thief's session elsewhere must not survive the owner's fix.
 */
export async function invalidateOtherSessions(em: EntityManager, userId: string, keepSessionId: string): Promise<number> {
  return em.nativeDelete(Session, { user: userId, id: { $ne: keepSessionId } });
}

/** Ends every session of a user (logout-all, password reset, account deletion). */
export async function invalidateUserSessions(em: EntityManager, userId: string): Promise<number> {
  return em.nativeDelete(Session, { user: userId });
}

