import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JobClick } from '@pathfinder/core';
import { optionalAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { hitFixedWindow, type WindowRule } from '../../rate-limit/fixed-window.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { cleanText } from '../../search/search-filters.js';
import { OPTIONAL_SESSION_SECURITY } from '../jobs/security.js';

declare module '../../app-context.js' {
  interface AppServices {
    /** Clicks accepted per IP and window by POST /analytics/clicks (default 60 a minute); tests pass a small one. */
    clickRateLimit?: WindowRule;
  }
}

export const DEFAULT_CLICK_RATE_LIMIT: WindowRule = { limit: 60, windowSeconds: 60 };

/** `POST /analytics/clicks`: a click on a job recorded by the site (when it links out without the apply redirect). */
export async function analyticsClickRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/analytics/clicks', {
    preHandler: optionalAuth,
    schema: {
      tags: ['analytics'],
      summary: 'Record a click on a job',
      description: 'Anonymous; the signed-in user is recorded when there is one. Limited per IP (429 with Retry-After).',
      security: OPTIONAL_SESSION_SECURITY,
      body: Type.Object({ jobId: IdParams.properties.id }, { additionalProperties: false }),
      response: {
        202: Type.Object({ recorded: Type.Literal(true) }),
        ...errorResponses(400, 404, 429),
      },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const rule = request.server.ctx.services.clickRateLimit ?? DEFAULT_CLICK_RATE_LIMIT;
    const hit = await hitFixedWindow(em, `click:ip:${request.ip}`, rule);
    if (!hit.allowed) throw ApiError.rateLimited(hit.retryAfterSeconds, 'Too many clicks from this address. Try again later.');
    const [job] = await em.getConnection().execute<{ id: string }[]>('select id from jobs where id = ?', [request.body.jobId]);
    if (!job) throw ApiError.notFound('No job with that id.');
    const referrer = typeof request.headers.referer === 'string' ? cleanText(request.headers.referer) : undefined;
    em.create(JobClick, { job: job.id, user: request.auth?.user.id ?? null, referrer: referrer?.slice(0, 2000) ?? null, via: 'api', at: new Date() });
    await em.flush();
    return reply.status(202).send({ recorded: true });
  });
}
