import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { clearBucket, hitFixedWindow } from './fixed-window.js';
import { mergeRules, type LimitedAction, type RateLimitOverrides, type RateLimitRules } from './rules.js';

declare module '../app-context.js' {
  interface AppServices {
    /**
     * Rate-limit overrides (tests pass small limits through `buildApp({ services })`).
     *
     * @example
     * buildApp({ config, orm, services: { rateLimits: { login: { backoff: { freeAttempts: 3 } } } } });
     */
    rateLimits?: RateLimitOverrides;
  }
}

const resolved = new WeakMap<object, RateLimitRules>();

/** The rules in force for this app (defaults with the test's or operator's overrides). */
export function rulesFor(request: FastifyRequest): RateLimitRules {
  const services = request.server.ctx.services;
  let rules = resolved.get(services);
  if (!rules) {
    rules = mergeRules(services.rateLimits);
    resolved.set(services, rules);
  }
  return rules;
}

const accountKey = (action: LimitedAction, account: string) => `${action}:account:${account.toLowerCase()}`;

/**
 * Counts this request against the action's per-IP rule and, when `account` (an email or user id)
 * is given and the action has one, its per-account rule; throws 429 `PF_ERR_RATE_LIMITED` with `Retry-After` when either
 * is exceeded. Call it before doing the expensive or guessable part.
 *
 * @example
 * await enforceRateLimit(request, 'login', email);
 */
export async function enforceRateLimit(request: FastifyRequest, action: LimitedAction, account?: string): Promise<void> {
  const rules = rulesFor(request);
  const em = request.server.ctx.orm.em.fork();
  const byIp = await hitFixedWindow(em, `${action}:ip:${request.ip}`, rules[action].ip);
  const accountRule = rules[action].account;
  const byAccount = account && accountRule ? await hitFixedWindow(em, accountKey(action, account), accountRule) : undefined;
  const refused = [byIp, byAccount].filter((r) => r && !r.allowed);
  if (refused.length > 0) {
    throw ApiError.rateLimited(Math.max(...refused.map((r) => r!.retryAfterSeconds)));
  }
}

/** After a success: the account's failed attempts no longer count (per-IP counts stay). */
export async function resetAccountLimit(request: FastifyRequest, action: LimitedAction, account: string): Promise<void> {
  await clearBucket(request.server.ctx.orm.em.fork(), accountKey(action, account));
}
