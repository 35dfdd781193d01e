import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PathfinderConfig } from '@pathfinder/core';

const cache = new Map<string, Promise<Buffer>>();

/**
 * The server's 32-byte master key: derived from PATHFINDER_SECRET_KEY, or, when that is unset,
 * from 32 random bytes generated once into `<dataDir>/secret.key` (mode 600) and reused by every
 * process sharing the data folder. Purpose-specific keys are derived from it with `deriveKey`.
 */
export function loadMasterKey(config: Pick<PathfinderConfig, 'secretKey' | 'dataDir'>): Promise<Buffer> {
  const cacheKey = config.secretKey ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = config.secretKey ? Promise.resolve(Buffer.from(config.secretKey, 'utf8')) : readOrCreateKeyFile(path.join(config.dataDir, 'secret.key'));
    // A failed read must not be cached forever (e.g. the folder appears later).
    key.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, key);
  }
  return key;
}

async function readOrCreateKeyFile(file: string): Promise<Buffer> {
  try {
    return parseKeyFile(await fs.readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const fresh = crypto.randomBytes(32).toString('hex');
  try {
    // 'wx': when two processes start together, exactly one writes and both read the same key.
    await fs.writeFile(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKeyFile(await fs.readFile(file, 'utf8'), file);
}

function parseKeyFile(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} does not hold a 32-byte hex key; delete it only if no MFA secrets depend on it`);
  return Buffer.from(hex, 'hex');
}

/** A 32-byte key for one purpose (`'mfa'`…), so one leaked derived key exposes nothing else. */
export async function deriveKey(config: Pick<PathfinderConfig, 'secretKey' | 'dataDir'>, purpose: string): Promise<Buffer> {
  const master = await loadMasterKey(config);
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `pathfinder:${purpose}`, 32));
}

/**
 * The start-up warning for a master key kept in `<dataDir>/secret.key` while the database is an
 * external server (DATABASE_URL): the key then lives on one machine's disk, apart from the data it
 * protects, so a lost or rebuilt API host leaves every MFA secret undecryptable, and a backup of the
 * data folder carries the key beside copies of the data. Set PATHFINDER_SECRET_KEY from a secret store.
 *
 * @example
 * const warning = secretKeyWarning(config); if (warning) log(`warning: ${warning}`);
 */
export function secretKeyWarning(config: Pick<PathfinderConfig, 'secretKey' | 'dataDir' | 'databaseUrl'>): string | undefined {
  if (config.secretKey || !config.databaseUrl) return undefined;
  return `DATABASE_URL names an external database but PATHFINDER_SECRET_KEY is unset, so the key that encrypts MFA secrets is the file `
    + `${path.join(config.dataDir, 'secret.key')}. Set PATHFINDER_SECRET_KEY (32+ characters, from your secret store) so every API host `
    + 'shares one key kept apart from the data folder (docs/operations.md).';
}
