import type { UserRole } from '@pathfinder/core';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A half-signed-in session (password right, TOTP not yet sent) lives this long: one sign-in's worth. */
export const PENDING_MFA_LIFETIME_MS = 10 * MINUTE_MS;
/** Absolute lifetime of a full admin or superuser session, however active (ASVS 3.3.2). */
export const PRIVILEGED_SESSION_LIFETIME_MS = 12 * HOUR_MS;
/** Absolute lifetime of every other full session. */
export const STANDARD_SESSION_LIFETIME_MS = 30 * DAY_MS;

/** Roles that must have MFA on (ASVS 4.3.1) and get the short absolute lifetime. */
export const isPrivileged = (role: UserRole): boolean => role === 'admin' || role === 'superuser';

/** True while a privileged account has no MFA: it may only set MFA up (and sign out, read itself). */
export const needsMfaSetup = (user: { role: UserRole; mfaEnabled: boolean }): boolean => isPrivileged(user.role) && !user.mfaEnabled;

/**
 * When a session ends whatever its activity: counted from its creation, by the user's role today
 * (a user promoted to admin gets the admin lifetime on their next request).
 *
 * @example
 * absoluteExpiry({ createdAt, mfaVerified: false }, 'student'); // createdAt + 10 minutes
 */
export function absoluteExpiry(session: { createdAt: Date; mfaVerified: boolean }, role: UserRole): Date {
  const lifetime = !session.mfaVerified ? PENDING_MFA_LIFETIME_MS : isPrivileged(role) ? PRIVILEGED_SESSION_LIFETIME_MS : STANDARD_SESSION_LIFETIME_MS;
  return new Date(session.createdAt.getTime() + lifetime);
}

/** The sooner of the absolute end and the idle end (`idleDays` after the last verified use). */
export function sessionExpiry(session: { createdAt: Date; lastVerifiedAt: Date; mfaVerified: boolean }, role: UserRole, idleDays: number): Date {
  const idle = session.lastVerifiedAt.getTime() + idleDays * DAY_MS;
  return new Date(Math.min(idle, absoluteExpiry(session, role).getTime()));
}
