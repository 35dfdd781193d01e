import type { EntityManager } from '@mikro-orm/postgresql';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { PasswordResetToken, type IUser } from '@pathfinder/core';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

const hashToken = (token: string): string => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * Issues a single-use reset token valid one hour and returns it (for the email); only its SHA-256
 * is stored. Earlier unused tokens of the user are dropped: only the newest email works.
 */
export async function issueResetToken(em: EntityManager, user: IUser, now = new Date()): Promise<string> {
  const token = encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(32)));
  await em.nativeDelete(PasswordResetToken, { user: user.id, usedAt: null });
  em.create(PasswordResetToken, { user, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS), createdAt: now });
  await em.flush();
  return token;
}

/**
 * The user of a token that is still usable (known, unused, unexpired), without using it: the new
 * password is checked before `consumeResetToken`, so a refused password leaves the link working.
 */
export async function findResetTokenUser(em: EntityManager, token: string, now = new Date()): Promise<string | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const rows = await em.getConnection().execute<{ user_id: string }[]>(
    'select user_id from password_reset_tokens where token_hash = ? and used_at is null and expires_at > ?',
    [hashToken(token), now],
  );
  return rows[0]?.user_id ?? null;
}

/**
 * Marks the token used and returns its user's id, or null when it is unknown, used or expired.
 * One conditional UPDATE, so two concurrent requests cannot both use one token.
 */
export async function consumeResetToken(em: EntityManager, token: string, now = new Date()): Promise<string | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const rows = await em.getConnection().execute<{ user_id: string }[]>(
    'update password_reset_tokens set used_at = ? where token_hash = ? and used_at is null and expires_at > ? returning user_id',
    [now, hashToken(token), now],
  );
  return rows[0]?.user_id ?? null;
}
