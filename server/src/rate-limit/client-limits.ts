import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { hitFixedWindow, type WindowRule } from './fixed-window.js';
import { MemoryWindows } from './memory-window.js';

/** Anonymous actions limited per client address: they need no account, so the address is all there is to key on. */
export type ClientLimitedAction = 'search' | 'apply';

const memory = new WeakMap<object, MemoryWindows>();

function ruleFor(request: FastifyRequest, action: ClientLimitedAction): WindowRule {
  const { config } = request.server.ctx;
  return { limit: action === 'search' ? config.searchRateLimitPerMinute : config.applyRateLimitPerMinute, windowSeconds: 60 };
}

/**
 * Counts one `action` by this client (its address, as `TRUST_PROXY` lets Fastify see it) and throws
 * 429 `PF_ERR_RATE_LIMITED` with `Retry-After` past the limit (PATHFINDER_SEARCH_RATE_LIMIT /
 * PATHFINDER_APPLY_RATE_LIMIT a minute; 0 turns one off).
 * Search is counted in memory (see {@link MemoryWindows}); apply redirects in the database beside
 * the click they record, so every API process shares one count.
 *
 * @example
 * await enforceClientLimit(request, 'apply');
 */
export async function enforceClientLimit(request: FastifyRequest, action: ClientLimitedAction): Promise<void> {
  const rule = ruleFor(request, action);
  if (rule.limit <= 0) return;
  const key = `${action}:ip:${request.ip}`;
  let hit;
  if (action === 'search') {
    let windows = memory.get(request.server.ctx);
    if (!windows) memory.set(request.server.ctx, (windows = new MemoryWindows()));
    hit = windows.hit(key, rule);
  } else {
    hit = await hitFixedWindow(request.server.ctx.orm.em.fork(), key, rule);
  }
  if (!hit.allowed) {
    throw ApiError.rateLimited(hit.retryAfterSeconds, action === 'search'
      ? 'Too many searches from this address. Try again in a minute.'
      : 'Too many apply links opened from this address. Try again in a minute.');
  }
}
