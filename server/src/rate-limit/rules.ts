import type { WindowRule } from './fixed-window.js';

/** What is limited: each action has a per-IP rule and, but for sign-in, a per-account rule. */
export type LimitedAction = 'login' | 'register' | 'forgot' | 'reset' | 'mfa' | 'verify-email';

/**
 * The growing delay of password checks on one account from one client address (`login-backoff.ts`):
 * the first `freeAttempts` come at once, then each further one waits `baseSeconds`, doubled per
 * attempt, at most `maxSeconds`. A row untouched for `forgetAfterSeconds` starts over.
 */
export interface BackoffRule {
  freeAttempts: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetAfterSeconds: number;
}

export interface ActionRules {
  ip: WindowRule;
  account?: WindowRule;
  backoff?: BackoffRule;
}
export type RateLimitRules = Record<LimitedAction, ActionRules> & { login: { backoff: BackoffRule } };

const MIN = 60;

/** Defaults: generous for people, tight for scripts guessing passwords or codes. */
export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  // No per-account window on sign-in: it let anyone lock the owner out with ten wrong passwords.
  // Password guesses are slowed per account *and* client address instead (`backoff`).
  login: {
    ip: { limit: 50, windowSeconds: 15 * MIN },
    backoff: { freeAttempts: 5, baseSeconds: 1, maxSeconds: 15 * MIN, forgetAfterSeconds: 24 * 60 * MIN },
  },
  register: { ip: { limit: 10, windowSeconds: 60 * MIN }, account: { limit: 5, windowSeconds: 60 * MIN } },
  forgot: { ip: { limit: 10, windowSeconds: 60 * MIN }, account: { limit: 3, windowSeconds: 60 * MIN } },
  reset: { ip: { limit: 20, windowSeconds: 15 * MIN }, account: { limit: 10, windowSeconds: 15 * MIN } },
  mfa: { ip: { limit: 50, windowSeconds: 15 * MIN }, account: { limit: 5, windowSeconds: 15 * MIN } },
  'verify-email': { ip: { limit: 20, windowSeconds: 60 * MIN }, account: { limit: 3, windowSeconds: 60 * MIN } },
};

/** Overrides merged over the defaults, rule by rule. */
export type RateLimitOverrides = {
  [A in LimitedAction]?: { ip?: Partial<WindowRule>; account?: Partial<WindowRule>; backoff?: Partial<BackoffRule> };
};

export function mergeRules(overrides: RateLimitOverrides = {}): RateLimitRules {
  const merged = structuredClone(DEFAULT_RATE_LIMITS);
  for (const action of Object.keys(merged) as LimitedAction[]) {
    const o = overrides[action];
    const rules: ActionRules = merged[action];
    if (o?.ip) Object.assign(rules.ip, o.ip);
    // An action without a rule of that kind keeps none: an override cannot invent one.
    if (o?.account && rules.account) Object.assign(rules.account, o.account);
    if (o?.backoff && rules.backoff) Object.assign(rules.backoff, o.backoff);
  }
  return merged;
}
