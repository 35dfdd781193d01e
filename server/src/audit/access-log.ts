import type { FastifyRequest } from 'fastify';
import { AccessLog, type IUser } from '@pathfinder/core';

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
      action: entry.action.slice(0, 100),
      resource: entry.resource?.slice(0, 200) ?? null,
      method: request.method.slice(0, 10),
      path: request.url.split('?')[0]!.slice(0, 2000),
      ip: request.ip?.slice(0, 64) ?? null,
      outcome: entry.outcome,
      statusCode: entry.statusCode ?? null,
      details: entry.details ?? {},
      at: new Date(),
    });
    await em.flush();
  } catch (error) {
    request.log.error({ err: error, action: entry.action }, 'could not write the access log');
  }
}
