import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * Failed sign-in attempts on one account from one client address (`<email>|<ip>`), and when the
 * next attempt may come. Keyed on both so an attacker elsewhere cannot slow the owner down; the
 * delay grows with each failure instead of locking the account.
 */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttles',
  properties: (p) => ({
    key: p.string().primary().length(400),
    /** Attempts since the last success (an attempt counts until it succeeds). */
    attempts: p.integer().default(0),
    lastAttemptAt: p.datetime().index(),
    /** No attempt is checked before this instant (429 with Retry-After). */
    nextAllowedAt: p.datetime(),
  }),
});
export type ILoginThrottle = InferEntity<typeof LoginThrottle>;
