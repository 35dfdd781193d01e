import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../http/error-handler.js';

/**
 * A pre-handler (placed after the role check) answering 503 `PF_ERR_SCHEDULER_UNAVAILABLE` with
 * `message` where this process runs no scheduler — or, with `started`, none that has started.
 * A 503 thrown as an ApiError would be hidden as a 500, so the answer is sent here.
 */
export function needsScheduler(message: string, options: { started?: boolean } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const scheduler = request.server.ctx.services.scheduler;
    if (scheduler && (!options.started || scheduler.isStarted)) return;
    return reply.status(503).send(errorBody(503, message, 'PF_ERR_SCHEDULER_UNAVAILABLE'));
  };
}
