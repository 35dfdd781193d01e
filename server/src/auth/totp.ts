import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of clock skew accepted either side of now. */
const SKEW_STEPS = 1;

export const currentStep = (nowMs = Date.now()): number => Math.floor(nowMs / (TOTP_PERIOD_SECONDS * 1000));

export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** What an authenticator app needs: the base32 key, the otpauth:// URL (for the QR code). */
export function describeTotpKey(key: Uint8Array, accountName: string, issuer = 'Pathfinder'): { secret: string; otpauthUrl: string } {
  return { secret: encodeBase32UpperCaseNoPadding(key), otpauthUrl: createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS) };
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Checks a 6-digit code against now ±1 step. A code matching a step at or before `lastStep` is a
 * replay (someone saw it used) and is refused even though the code itself is right.
 */
export function checkTotp(key: Uint8Array, code: string, lastStep: number | null | undefined, nowMs = Date.now()): TotpCheck {
  const now = currentStep(nowMs);
  let replayed = false;
  for (let step = now - SKEW_STEPS; step <= now + SKEW_STEPS; step++) {
    if (!verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) continue;
    if (lastStep !== null && lastStep !== undefined && step <= lastStep) {
      replayed = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: replayed ? 'replayed' : 'invalid' };
}
