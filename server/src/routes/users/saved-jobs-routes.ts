import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Job, newId } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams, ListOf } from '../../schemas/common.js';
import { requireAuth } from '../../auth/guards.js';
import { SESSION_SECURITY } from '../auth/user-schema.js';
import { SAVED_JOBS_SQL, SavedJobSchema, toSavedJobDto, type SavedJobRow } from './saved-job-schema.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';

const JobIdParams = Type.Object({ jobId: IdParams.properties.id });

/** `GET /users/me/saved-jobs`, `POST` and `DELETE /users/me/saved-jobs/{jobId}`. */
export async function savedJobsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/me/saved-jobs', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'My saved jobs, newest first',
      security: SESSION_SECURITY,
      querystring: Type.Object({
        // Optional (the default fills it in) so typed clients need not send it.
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: ListOf(SavedJobSchema), ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const { limit = 50, cursor } = request.query;
    const userId = request.auth!.user.id;
    const conn = request.server.ctx.orm.em.fork().getConnection();
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await conn.execute<SavedJobRow[]>(
      `${SAVED_JOBS_SQL} where s.user_id = ? ${after ? 'and (s.created_at, s.id) < (?, ?)' : ''} order by s.created_at desc, s.id desc limit ?`,
      after ? [userId, after.at, after.id, limit + 1] : [userId, limit + 1],
    );
    const [{ total }] = await conn.execute<{ total: string }[]>('select count(*) as total from saved_jobs where user_id = ?', [userId]) as [{ total: string }];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toSavedJobDto), nextCursor: rows.length > limit && last ? encodeCursor(last.saved_at, last.saved_id) : null, total: Number(total) };
  });

  app.post('/me/saved-jobs/:jobId', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Save a job',
      description: 'Idempotent: 201 when newly saved, 200 when it already was.',
      security: SESSION_SECURITY,
      params: JobIdParams,
      response: { 200: SavedJobSchema, 201: SavedJobSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const userId = request.auth!.user.id;
    const { jobId } = request.params;
    if (!(await em.count(Job, { id: jobId }))) throw ApiError.notFound('No job with that id.');
    // Insert-or-nothing in one statement, so two concurrent saves make one row and neither fails.
    const inserted = await em.getConnection().execute<{ id: string }[]>(
      'insert into saved_jobs (id, user_id, job_id, created_at) values (?, ?, ?, ?) on conflict (user_id, job_id) do nothing returning id',
      [newId(), userId, jobId, new Date()],
    );
    const [row] = await em.getConnection().execute<SavedJobRow[]>(`${SAVED_JOBS_SQL} where s.user_id = ? and s.job_id = ?`, [userId, jobId]);
    if (!row) throw ApiError.notFound('No job with that id.');
    return reply.status(inserted.length > 0 ? 201 : 200).send(toSavedJobDto(row));
  });

  app.delete('/me/saved-jobs/:jobId', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Unsave a job',
      description: 'Idempotent: 204 whether or not it was saved.',
      security: SESSION_SECURITY,
      params: JobIdParams,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    await request.server.ctx.orm.em.fork().getConnection().execute('delete from saved_jobs where user_id = ? and job_id = ?', [request.auth!.user.id, request.params.jobId]);
    return reply.status(204).send(null);
  });
}
