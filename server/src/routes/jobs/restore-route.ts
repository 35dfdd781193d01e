import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { invalidateSearchCache } from '../../search/search-cache-service.js';
import { SESSION_SECURITY } from './security.js';
import { JobDetail } from './job-schemas.js';
import { toJobDetail } from './job-dto.js';
import { assertCanManage, loadJob } from './job-access.js';

/** `POST /jobs/{id}/restore`: an archived job listed again, by the employer who posted it or an admin. */
export async function jobRestoreRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/jobs/:id/restore', {
    preHandler: requireAuth('admin', 'employer'),
    schema: {
      tags: ['jobs'],
      summary: 'Restore an archived job',
      description: 'Lists the job again (it returns to searches at once). Idempotent on an active job. A job whose application '
        + 'deadline has passed stays archived (400 `PF_ERR_DEADLINE_PASSED`): change the deadline first. The same job listed '
        + 'again meanwhile is a 409.',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 200: JobDetail, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const current = await loadJob(em, request.params.id);
    assertCanManage(request.auth, current);
    if (!current.isActive) {
      const deadline = current.applicationDeadline === null ? null : new Date(current.applicationDeadline);
      if (deadline && deadline.getTime() < Date.now()) {
        throw new ApiError(400, 'PF_ERR_DEADLINE_PASSED', `The application deadline has already passed (${deadline.toISOString()}); change it before restoring the job.`);
      }
      await em.getConnection().execute(
        'update jobs set is_active = true, archived_at = null, archive_reason = null, updated_at = now() where id = ? and not is_active',
        [current.id], 'run',
      );
      invalidateSearchCache(request.server);
      if (request.auth!.user.role === 'admin') await recordAccess(request, { action: 'admin.job.restore', resource: `job:${current.id}`, outcome: 'success', statusCode: 200 });
    }
    return toJobDetail(await loadJob(em, current.id), true);
  });
}
