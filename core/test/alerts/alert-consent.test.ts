import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { CONSENT_SQL, hasMailConsent } from '../../src/alerts/alert-consent.js';
import { createUser, type ConsentState } from './fixtures.js';

const db = useTestDatabase();

describe('mail consent', () => {
  it.each([
    ['given', true],
    ['never', false],
    ['withdrawn', false],
    ['renewed', true],
    ['unverified', false],
  ] as [ConsentState, boolean][])('%s → %s, the same in TypeScript and in SQL', async (state, expected) => {
    const id = await createUser(db.orm, state);
    const [row] = await db.orm.em.fork().execute<{ consent: boolean; consent_given: boolean; consent_date: string | null; consent_withdrawn: string | null; email_verified_at: string | null }[]>(
      `select ${CONSENT_SQL} as consent, u.consent_given, u.consent_date, u.consent_withdrawn, u.email_verified_at from users u where u.id = ?`, [id]);
    const date = (v: string | null) => (v === null ? null : new Date(v));
    expect(row!.consent).toBe(expected);
    expect(hasMailConsent({ consentGiven: row!.consent_given, consentDate: date(row!.consent_date), consentWithdrawn: date(row!.consent_withdrawn), emailVerifiedAt: date(row!.email_verified_at) })).toBe(expected);
  });

  it('a withdrawal without any consent date stays a withdrawal', () => {
    expect(hasMailConsent({ consentGiven: true, consentDate: null, consentWithdrawn: new Date(), emailVerifiedAt: new Date() })).toBe(false);
  });

  it('consent typed at registration counts only once the owner confirmed the address', () => {
    const consent = { consentGiven: true, consentDate: new Date(), consentWithdrawn: null };
    expect(hasMailConsent({ ...consent, emailVerifiedAt: null })).toBe(false);
    expect(hasMailConsent({ ...consent, emailVerifiedAt: new Date() })).toBe(true);
  });
});
