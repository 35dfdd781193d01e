import type { WindowRule } from './fixed-window.js';

/** What is limited: each action has a per-IP and a per-account rule. */
export type LimitedAction = 'login' | 'register' | 'forgot' | 'reset' | 'mfa';
export type RateLimitRules = Record<LimitedAction, { ip: WindowRule; account: WindowRule }>;

const MIN = 60;

/** Defaults: generous for people, tight for scripts guessing passwords or codes. */
export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  login: { ip: { limit: 50, windowSeconds: 15 * MIN }, account: { limit: 10, windowSeconds: 15 * MIN } },
  register: { ip: { limit: 10, windowSeconds: 60 * MIN }, account: { limit: 5, windowSeconds: 60 * MIN } },
  forgot: { ip: { limit: 10, windowSeconds: 60 * MIN }, account: { limit: 3, windowSeconds: 60 * MIN } },
  reset: { ip: { limit: 20, windowSeconds: 15 * MIN }, account: { limit: 10, windowSeconds: 15 * MIN } },
  mfa: { ip: { limit: 50, windowSeconds: 15 * MIN }, account: { limit: 5, windowSeconds: 15 * MIN } },
};

/** Overrides merged over the defaults, rule by rule. */
export type RateLimitOverrides = { [A in LimitedAction]?: { ip?: Partial<WindowRule>; account?: Partial<WindowRule> } };

export function mergeRules(overrides: RateLimitOverrides = {}): RateLimitRules {
  const merged = structuredClone(DEFAULT_RATE_LIMITS);
  for (const action of Object.keys(merged) as LimitedAction[]) {
    const o = overrides[action];
    if (o?.ip) Object.assign(merged[action].ip, o.ip);
    if (o?.account) Object.assign(merged[action].account, o.account);
  }
  return merged;
}
