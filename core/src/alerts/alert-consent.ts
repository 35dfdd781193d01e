/** The consent fields of a user, as stored. */
export interface ConsentFields {
  consentGiven: boolean;
  consentDate?: Date | null;
  consentWithdrawn?: Date | null;
}

/**
 * Whether a user may be sent alert email (CASL express consent): consent given, and either never
 * withdrawn or given again after the withdrawal.
 *
 * @example
 * hasMailConsent({ consentGiven: true, consentDate: new Date(), consentWithdrawn: null }); // true
 */
export function hasMailConsent(user: ConsentFields): boolean {
  if (!user.consentGiven) return false;
  if (!user.consentWithdrawn) return true;
  return !!user.consentDate && user.consentWithdrawn.getTime() < user.consentDate.getTime();
}

/** The same rule as `hasMailConsent`, as SQL over the `users` row aliased `u`. */
export const CONSENT_SQL = `(u.consent_given and (u.consent_withdrawn is null
  or (u.consent_date is not null and u.consent_withdrawn < u.consent_date)))`;
