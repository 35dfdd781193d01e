import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAccess } from '../../audit/access-log.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The access-log action of an admin write (`admin.source.update`); failures are logged under it. */
    auditAction?: string;
  }
}

/** `source:<id>` style resource of a request, from its route's `auditAction` and `:id` param. */
export function auditResource(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  const kind = request.routeOptions.config.auditAction?.split('.')[1];
  return typeof id === 'string' && kind ? `${kind}:${id.slice(0, 64)}` : undefined;
}

/**
 * Every refused or failed admin write lands in the access log too (successes are logged by the
 * handlers, with their details): 401/403 as `denied`, other errors as `failure`. Done in `onSend`,
 * before the answer leaves, so the row exists when the client sees the response.
 */
export function auditFailedWrites(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config.auditAction;
    if (!action || request.method === 'GET' || reply.statusCode < 400) return payload;
    await recordAccess(request, {
      action,
      resource: auditResource(request),
      outcome: reply.statusCode === 401 || reply.statusCode === 403 ? 'denied' : 'failure',
      statusCode: reply.statusCode,
    });
    return payload;
  });
}
