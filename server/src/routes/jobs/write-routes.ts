import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DataSource } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { assertPublicUrlHost } from '../../http/public-url.js';
import { SESSION_SECURITY } from './security.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { ensureEmployerSource, ensureManualSource } from '../employers/employer-source.js';
import { JobDetail } from './job-schemas.js';
import { toJobDetail } from './job-dto.js';
import { assertCanManage, loadJob } from './job-access.js';
import { CreateJobBody, PatchJobBody, postingFromCreate, postingFromPatch } from './job-input.js';
import { preparePool } from './prepare-pool.js';
import { archiveJob, insertJob, updateJob } from './job-store.js';
import { invalidateSearchCache } from '../../search/search-cache-service.js';

/** `POST /jobs`, `PATCH /jobs/{id}`, `DELETE /jobs/{id}`: employers on their own source, admins anywhere. */
export async function jobWriteRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/jobs', {
    preHandler: requireAuth('admin', 'employer'),
    schema: {
      tags: ['jobs'],
      summary: 'Post a job',
      description: 'Validated, normalised and classified like a crawled posting. Pathfinder lists co-op, internship and new-grad '
        + 'roles only: a senior role is refused (400 `PF_ERR_SENIOR_ROLE`), so is a passed deadline (`PF_ERR_DEADLINE_PASSED`). '
        + 'The same company, title and location already listed is a 409 `PF_ERR_DUPLICATE_JOB`. '
        + 'A description whose cleaning runs past the time limit is a 400 `PF_ERR_CONTENT_TOO_COMPLEX`.',
      security: SESSION_SECURITY,
      body: CreateJobBody,
      response: { 201: JobDetail, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const user = request.auth!.user;
    const em = request.server.ctx.orm.em.fork();
    const body = request.body;
    // The link checker visits this URL: a literal private address is refused now, a name when it connects.
    assertPublicUrlHost(request, 'originalUrl', body.originalUrl);
    const isAdmin = user.role === 'admin';
    if (!isAdmin && (body.sourceId !== undefined || body.updateProhibited !== undefined)) {
      throw ApiError.forbidden('Only admins can choose the source or set updateProhibited.');
    }
    let source;
    if (!isAdmin) source = await ensureEmployerSource(em, user);
    else if (body.sourceId) {
      source = await em.findOne(DataSource, body.sourceId);
      if (!source) throw ApiError.badRequest('sourceId: no such source.');
      if (source.sourceType === 'scraper') throw ApiError.badRequest('sourceId: jobs of a plugin source come from its crawls; pick a manual or employer source.');
    } else source = await ensureManualSource(em);

    const now = new Date();
    // Sanitising and classifying a long description is CPU work: it runs on a worker thread.
    const job = await preparePool().prepare(postingFromCreate(body, { companyName: source.name, now }), { sourceId: source.id, now, checkDeadline: true, strictSenior: !isAdmin });
    const id = await insertJob(em, source.id, job, { employerNotes: body.employerNotes, updateProhibited: body.updateProhibited }, now);
    invalidateSearchCache(request.server);
    if (isAdmin) await recordAccess(request, { action: 'admin.job.create', resource: `job:${id}`, outcome: 'success', statusCode: 201 });
    return reply.status(201).send(toJobDetail(await loadJob(em, id), true));
  });

  app.patch('/jobs/:id', {
    preHandler: requireAuth('admin', 'employer'),
    schema: {
      tags: ['jobs'],
      summary: 'Change a job',
      description: 'Only an admin or the employer who posted it. The whole job is validated and classified again. '
        + 'A job an admin locked (`updateProhibited`) cannot be changed by its employer (409 `PF_ERR_UPDATE_PROHIBITED`).',
      security: SESSION_SECURITY,
      params: IdParams,
      body: PatchJobBody,
      response: { 200: JobDetail, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const user = request.auth!.user;
    const em = request.server.ctx.orm.em.fork();
    const current = await loadJob(em, request.params.id);
    assertCanManage(request.auth, current);
    const isAdmin = user.role === 'admin';
    if (!isAdmin && current.updateProhibited) {
      throw new ApiError(409, 'PF_ERR_UPDATE_PROHIBITED', 'An admin has locked this job; ask them to change it.');
    }
    if (!isAdmin && request.body.updateProhibited !== undefined) throw ApiError.forbidden('Only admins can set updateProhibited.');
    assertPublicUrlHost(request, 'originalUrl', request.body.originalUrl);
    const now = new Date();
    const deadlineChanged = request.body.applicationDeadline !== undefined && request.body.applicationDeadline !== null;
    const job = await preparePool().prepare(postingFromPatch(current, request.body), { sourceId: current.sourceId, now, checkDeadline: deadlineChanged, strictSenior: !isAdmin });
    await updateJob(em, current.id, current.sourceId, job, { employerNotes: request.body.employerNotes, updateProhibited: request.body.updateProhibited });
    invalidateSearchCache(request.server);
    if (isAdmin) await recordAccess(request, { action: 'admin.job.update', resource: `job:${current.id}`, outcome: 'success', statusCode: 200 });
    return toJobDetail(await loadJob(em, current.id), true);
  });

  app.delete('/jobs/:id', {
    preHandler: requireAuth('admin', 'employer'),
    schema: {
      tags: ['jobs'],
      summary: 'Archive a job',
      description: 'Jobs are archived, not erased: the job leaves searches and stays readable by id with `isActive: false`. Idempotent.',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 204: Type.Null({ description: 'Archived.' }), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const current = await loadJob(em, request.params.id);
    assertCanManage(request.auth, current);
    const isAdmin = request.auth!.user.role === 'admin';
    await archiveJob(em, current.id, isAdmin ? 'removed by admin' : 'removed by employer');
    invalidateSearchCache(request.server);
    if (isAdmin) await recordAccess(request, { action: 'admin.job.archive', resource: `job:${current.id}`, outcome: 'success', statusCode: 204 });
    return reply.status(204).send(null);
  });
}
