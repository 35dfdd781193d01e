import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { deriveKey, loadMasterKey } from '../../src/auth/secret-key.js';
import { openMfaKey, sealMfaKey } from '../../src/auth/mfa-key-box.js';
import { checkTotp, currentStep } from '../../src/auth/totp.js';
import { passwordProblem } from '../../src/auth/password-policy.js';
import { mintSessionToken, parseSessionToken, secretMatches } from '../../src/auth/session-token.js';
import { tempDataDir } from './auth-flows.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

describe('the secret key', () => {
  it('is generated once into dataDir/secret.key (mode 600) and reused', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const [a, b] = await Promise.all([loadMasterKey({ dataDir }), loadMasterKey({ dataDir })]);
    expect(a).toHaveLength(32);
    expect(b.equals(a)).toBe(true);
    const text = await fs.readFile(path.join(dataDir, 'secret.key'), 'utf8');
    expect(text.trim()).toBe(a.toString('hex'));
    expect((await fs.stat(path.join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
  });

  it('comes from PATHFINDER_SECRET_KEY when set, and derived keys differ by purpose', async () => {
    const config = { secretKey: 'x'.repeat(40), dataDir: '/nonexistent/never-created' };
    const mfa = await deriveKey(config, 'mfa-totp');
    expect(mfa).toHaveLength(32);
    expect((await deriveKey(config, 'other')).equals(mfa)).toBe(false);
    expect((await deriveKey({ ...config, secretKey: 'y'.repeat(40) }, 'mfa-totp')).equals(mfa)).toBe(false);
  });
});

describe('the MFA key box (AES-256-GCM)', () => {
  const key = Buffer.alloc(32, 7);
  const totpKey = new Uint8Array(20).fill(3);

  it('round-trips, with a fresh IV each time', () => {
    const a = sealMfaKey(totpKey, key, 'user1');
    const b = sealMfaKey(totpKey, key, 'user1');
    expect(a).not.toBe(b);
    expect(openMfaKey(a, key, 'user1')).toEqual(totpKey);
  });

  it('refuses another user, another key, tampering and garbage', () => {
    const sealed = sealMfaKey(totpKey, key, 'user1');
    expect(openMfaKey(sealed, key, 'user2')).toBeNull();
    expect(openMfaKey(sealed, Buffer.alloc(32, 8), 'user1')).toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered!').toString('base64url');
    expect(openMfaKey(parts.join('.'), key, 'user1')).toBeNull();
    expect(openMfaKey('v1.x', key, 'user1')).toBeNull();
    expect(openMfaKey('', key, 'user1')).toBeNull();
  });
});

describe('TOTP checks', () => {
  const key = new Uint8Array(20).fill(9);
  const now = Date.UTC(2030, 0, 1, 0, 0, 10);
  const step = currentStep(now);
  const codeFor = (s: number) => generateHOTP(key, BigInt(s), 6);

  it('accepts now ±1 step and reports the step', () => {
    expect(checkTotp(key, codeFor(step), null, now)).toEqual({ ok: true, step });
    expect(checkTotp(key, codeFor(step - 1), null, now)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(key, codeFor(step + 1), null, now)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(key, codeFor(step + 2), null, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('calls a code of a spent step a replay', () => {
    expect(checkTotp(key, codeFor(step), step, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(key, codeFor(step - 1), step - 1, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(key, codeFor(step + 1), step, now)).toEqual({ ok: true, step: step + 1 });
  });
});

describe('session tokens', () => {
  it('are <id>.<secret>; only a matching secret passes', () => {
    const minted = mintSessionToken();
    const parts = parseSessionToken(minted.token)!;
    expect(parts.id).toBe(minted.id);
    expect(secretMatches(parts.secret, minted.secretHash)).toBe(true);
    expect(secretMatches(`${parts.secret}a`, minted.secretHash)).toBe(false);
  });

  it('parse refuses malformed input', () => {
    for (const bad of ['', '.', 'abc', 'abc.', '.abc', 'ABC.def', 'a b.c', `${'a'.repeat(300)}.b`, "a'.b"]) expect(parseSessionToken(bad)).toBeNull();
  });
});

describe('password policy', () => {
  it('says why a password is refused', () => {
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('Qwerty123456')).toMatch(/common/);
    expect(passwordProblem('zzzzzzzzzzzzzz')).toMatch(/repeated/);
    expect(passwordProblem('me@example.com', 'me@example.com')).toMatch(/email/);
    expect(passwordProblem('a quite decent passphrase')).toBeNull();
  });
});
