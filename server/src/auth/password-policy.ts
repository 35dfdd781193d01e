import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters, not a
 * well-known password, not the email address.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return 'That password is too common; choose one that is not on lists of popular passwords.';
  // Repeats of one short chunk ("aaaaaaaaaaaa", "abcabcabcabc") are as weak as the chunk.
  if (/^(.{1,4})\1+$/.test(lowered)) return 'The password must not be one short sequence repeated.';
  if (email && lowered === email.toLowerCase()) return 'The password must not be your email address.';
  return null;
}

/** Lower-cased, trimmed: the one form of an email stored and looked up. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
