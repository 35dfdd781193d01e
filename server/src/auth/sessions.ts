import type { EntityManager } from '@mikro-orm/postgresql';
import { Session, type ISession, type IUser } from '@pathfinder/core';
import { mintSessionToken, parseSessionToken, secretMatches } from './session-token.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

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
 * Expiry is by inactivity: `ttlDays` after `lastVerifiedAt`, which is pushed forward at most hourly
 * so an active user never expires and a busy API does not write on every request.
 */
export async function validateSessionToken(em: EntityManager, token: string, ttlDays: number, now = new Date()): Promise<ValidSession | null> {
  const parts = parseSessionToken(token);
  if (!parts) return null;
  const session = await em.findOne(Session, { id: parts.id }, { populate: ['user'] });
  if (!session) return null;
  if (!secretMatches(parts.secret, session.secretHash as Uint8Array)) return null;
  const idle = now.getTime() - session.lastVerifiedAt.getTime();
  if (idle >= ttlDays * DAY_MS) {
    await em.nativeDelete(Session, { id: session.id });
    return null;
  }
  const refreshed = idle >= HOUR_MS;
  if (refreshed) {
    session.lastVerifiedAt = now;
    await em.nativeUpdate(Session, { id: session.id }, { lastVerifiedAt: now });
  }
  return { session, user: session.user as unknown as IUser, refreshed };
}

export async function invalidateSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(Session, { id: sessionId });
}

/** Ends every session of a user (logout-all, password reset, account deletion). */
export async function invalidateUserSessions(em: EntityManager, userId: string): Promise<number> {
  return em.nativeDelete(Session, { user: userId });
}

