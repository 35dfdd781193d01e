import type { EntityManager } from '@mikro-orm/postgresql';
import { User, type IUser, type PathfinderConfig } from '@pathfinder/core';
import { deriveKey } from './secret-key.js';
import { openMfaKey, sealMfaKey } from './mfa-key-box.js';
import { checkTotp, type TotpCheck } from './totp.js';

type KeyConfig = Pick<PathfinderConfig, 'secretKey' | 'dataDir'>;

export const mfaEncryptionKey = (config: KeyConfig): Promise<Buffer> => deriveKey(config, 'mfa-totp');

export async function sealForUser(config: KeyConfig, user: IUser, key: Uint8Array): Promise<string> {
  return sealMfaKey(key, await mfaEncryptionKey(config), user.id);
}

export async function openForUser(config: KeyConfig, user: IUser, sealed: string | null | undefined): Promise<Uint8Array | null> {
  if (!sealed) return null;
  return openMfaKey(sealed, await mfaEncryptionKey(config), user.id);
}

/**
 * Checks a code and, when right, records its time step as used, atomically: of two concurrent
 * requests with the same code only one wins, so a code is good exactly once.
 */
export async function consumeTotp(em: EntityManager, user: IUser, key: Uint8Array, code: string, nowMs = Date.now()): Promise<TotpCheck> {
  const check = checkTotp(key, code, user.mfaLastStep, nowMs);
  if (!check.ok) return check;
  const updated = await em.nativeUpdate(
    User,
    { id: user.id, $or: [{ mfaLastStep: null }, { mfaLastStep: { $lt: check.step } }] },
    { mfaLastStep: check.step },
  );
  if (updated !== 1) return { ok: false, reason: 'replayed' };
  user.mfaLastStep = check.step;
  return check;
}
