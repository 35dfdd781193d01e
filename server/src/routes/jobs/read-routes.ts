import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { optionalAuth } from '../../auth/guards.js';
import { OPTIONAL_SESSION_SECURITY } from './security.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { JobDetail } from './job-schemas.js';
import { toJobDetail } from './job-dto.js';
import { canManage, loadJobForReading } from './job-access.js';

/** `GET /jobs/{id}` (the apply redirect is in apply-routes.ts). */
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
    const job = await loadJobForReading(request.server.ctx.orm.em.fork(), request.params.id);
    return toJobDetail(job, canManage(request.auth, job));
  });
}
