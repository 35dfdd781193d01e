import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JobClick } from '@pathfinder/core';
import { optionalAuth } from '../../auth/guards.js';
import { cleanText } from '../../search/search-filters.js';
import { OPTIONAL_SESSION_SECURITY } from './security.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { JobDetail } from './job-schemas.js';
import { toJobDetail } from './job-dto.js';
import { canManage, loadJob } from './job-access.js';

/** The URL as a header can carry it (percent-encoded); a stored URL that does not parse is sent as-is, encoded. */
function safeLocation(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}

/** `GET /jobs/{id}` and the tracked apply redirect. */
export async function jobReadRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/jobs/:id', {
    preHandler: optionalAuth,
    schema: {
      tags: ['jobs'],
      summary: 'One job',
      description: 'Archived jobs stay readable by id (`isActive: false`, with the archive reason), so saved links keep working.',
      security: OPTIONAL_SESSION_SECURITY,
      params: IdParams,
      response: { 200: JobDetail, ...errorResponses(400, 404) },
    },
  }, async (request) => {
    const job = await loadJob(request.server.ctx.orm.em.fork(), request.params.id);
    return toJobDetail(job, canManage(request.auth, job));
  });

  app.get('/jobs/:id/apply', {
    preHandler: optionalAuth,
    schema: {
      tags: ['jobs'],
      summary: 'Apply: record the click and redirect to the original posting',
      security: OPTIONAL_SESSION_SECURITY,
      params: IdParams,
      response: {
        302: Type.Null({ description: 'Redirect to the original posting (`Location` header).' }),
        ...errorResponses(400, 404),
      },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const job = await loadJob(em, request.params.id);
    const referrer = typeof request.headers.referer === 'string' ? cleanText(request.headers.referer) : undefined;
    em.create(JobClick, {
      job: job.id,
      user: request.auth?.user.id ?? null,
      referrer: referrer?.slice(0, 2000) ?? null,
      via: 'apply',
      at: new Date(),
    });
    await em.flush();
    return reply.redirect(safeLocation(job.originalUrl), 302);
  });
}
