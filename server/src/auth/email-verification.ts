import crypto from 'node:crypto';
import type { PathfinderConfig } from '@pathfinder/core';
import { deriveKey } from './secret-key.js';

/** How long a confirmation link works; a new one can be asked for at any time. */
export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

type KeyConfig = Pick<PathfinderConfig, 'secretKey' | 'dataDir'>;

const mac = async (config: KeyConfig, userId: string, email: string, expires: number): Promise<Buffer> =>
  crypto.createHmac('sha256', await deriveKey(config, 'email-verification')).update(`${userId}|${email}|${expires}`).digest();

/**
 * A link token proving that whoever opens it reads `email`: `<userId>.<expiry>.<HMAC>`, signed with
 * a key derived from the server's secret. Nothing is stored; the address is inside the signature,
 * so a token works only for the address it was mailed to.
 *
 * @example
 * const token = await signEmailToken(config, user); // mailed as https://…/verify-email?token=…
 */
export async function signEmailToken(config: KeyConfig, user: { id: string; email: string }, now = Date.now()): Promise<string> {
  const expires = Math.floor((now + EMAIL_TOKEN_TTL_MS) / 1000);
  return `${user.id}.${expires}.${(await mac(config, user.id, user.email, expires)).toString('base64url')}`;
}

/** The user id a token names, or null when it is not even shaped like one (no database lookup then). */
export function emailTokenUserId(token: string): string | null {
  const match = /^([a-z0-9]{1,32})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? match[1]! : null;
}

/** Whether the token was signed by this server for this user and address, and has not expired. */
export async function emailTokenValid(config: KeyConfig, token: string, user: { id: string; email: string }, now = Date.now()): Promise<boolean> {
  const [userId, expiresText, signature] = token.split('.');
  if (userId !== user.id || !expiresText || !signature) return false;
  const expires = Number(expiresText);
  if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
  const expected = await mac(config, user.id, user.email, expires);
  const presented = Buffer.from(signature, 'base64url');
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
}
