import type { FastifyRequest } from 'fastify';
import { AccessLog, type IUser } from '@pathfinder/core';
import { storableText } from '../http/reject-unstorable-input.js';

export type AccessOutcome = 'success' | 'failure' | 'denied';

export interface AccessEntry {
  /** What was done, dotted: `auth.login`, `admin.source.update`, `user.delete`… */
  action: string;
  /** What it was done to: `source:<id>`, `user:<id>`… */
  resource?: string;
  outcome: AccessOutcome;
  statusCode?: number;
  details?: Record<string, unknown>;
  /**
   * Whom to record when it is not `request.auth.user` (a sign-in before any session exists).
   * `null` records no user.
   */
  user?: IUser | string | null;
}

/**
 * `value` with every string (and key) made storable: Postgres refuses a NUL or an unpaired surrogate
 * in text and jsonb, and the whole row would be lost, so the audit trail keeps a marked copy instead.
 * Deeper than 8 levels is cut: details are the server's own small objects.
 */
function storable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (depth >= 8) return '[cut]';
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v, depth + 1)]));
}

/**
 * Appends one row to the access log with the caller, method, path and IP of the request. Never
 * throws: a failed log write is logged and the request goes on.
 *
 * @example
 * await recordAccess(request, { action: 'admin.source.update', resource: `source:${id}`, outcome: 'success', statusCode: 200 });
 */
export async function recordAccess(request: FastifyRequest, entry: AccessEntry): Promise<void> {
  const who = entry.user !== undefined ? entry.user : (request.auth?.user ?? null);
  const userId = who === null ? null : typeof who === 'string' ? who : who.id;
  try {
    const em = request.server.ctx.orm.em.fork();
    em.create(AccessLog, {
      user: userId,
      // Sanitised: a refused request's path or details may hold what Postgres cannot store (a NUL
      // from %00, an unpaired surrogate), and its entry must not be lost for that.
      action: storableText(entry.action.slice(0, 100)),
      resource: entry.resource === undefined ? null : storableText(entry.resource.slice(0, 200)),
      method: request.method.slice(0, 10),
      path: storableText(request.url.split('?')[0]!.slice(0, 2000)),
      ip: request.ip?.slice(0, 64) ?? null,
      outcome: entry.outcome,
      statusCode: entry.statusCode ?? null,
      details: storable(entry.details ?? {}) as Record<string, unknown>,
      at: new Date(),
    });
    await em.flush();
  } catch (error) {
    request.log.error({ err: error, action: entry.action }, 'could not write the access log');
  }
}
