import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A freshly minted session token and what the database keeps of it. */
export interface MintedToken {
  /** The row's primary key (public half of the token). */
  id: string;
  /** `<id>.<secret>`: handed to the client once, never stored. */
  token: string;
  /** SHA-256 of the secret: the only trace of it in the database. */
  secretHash: Uint8Array;
}

const randomBase32 = (bytes: number): string => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));

export const hashSecret = (secret: string): Uint8Array => sha256(new TextEncoder().encode(secret));

/** 120 bits of id and 160 bits of secret (Lucia's sizes are 120/120; more secret costs nothing). */
export function mintSessionToken(): MintedToken {
  const id = randomBase32(15);
  const secret = randomBase32(20);
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits `<id>.<secret>`; null for anything else, so hostile headers never reach the database. */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  if (token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!/^[a-z2-7]{1,64}$/.test(id) || !/^[a-z2-7]{1,128}$/.test(secret)) return null;
  return { id, secret };
}

/** Constant-time comparison of the presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.byteLength === storedHash.byteLength && constantTimeEqual(presented, new Uint8Array(storedHash));
}
