/** The consent fields of a user, as stored. */
export interface ConsentFields {
  consentGiven: boolean;
  consentDate?: Date | null;
  consentWithdrawn?: Date | null;
  /** When the owner confirmed the address; without it nothing is mailed. */
  emailVerifiedAt?: Date | null;
}

/**
 * Whether a user may be sent alert email (CASL express consent): the address is confirmed by its
 * owner (a box typed at registration proves nothing about who reads it), consent given, and either
 * never withdrawn or given again after the withdrawal.
 *
 * @example
 * hasMailConsent({ consentGiven: true, consentDate: new Date(), consentWithdrawn: null, emailVerifiedAt: new Date() }); // true
 */
export function hasMailConsent(user: ConsentFields): boolean {
  if (!user.emailVerifiedAt) return false;
  if (!user.consentGiven) return false;
  if (!user.consentWithdrawn) return true;
  return !!user.consentDate && user.consentWithdrawn.getTime() < user.consentDate.getTime();
}

/** The same rule as `hasMailConsent`, as SQL over the `users` row aliased `u`. */
export const CONSENT_SQL = `(u.email_verified_at is not null and u.consent_given and (u.consent_withdrawn is null
  or (u.consent_date is not null and u.consent_withdrawn < u.consent_date)))`;
