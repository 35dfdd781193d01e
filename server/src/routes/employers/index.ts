import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { assertPublicUrlHost } from '../../http/public-url.js';
import { errorResponses } from '../../schemas/common.js';
import { cleanText } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { invalidateSearchCache } from '../../search/search-cache-service.js';
import { JobDetail, Nullable } from '../jobs/job-schemas.js';
import { JOB_DETAIL_SQL, toJobDetail, type JobDetailRow } from '../jobs/job-dto.js';
import { keysetAfter, PageQueryFields, toPage } from '../admin/paging.js';
import { ensureEmployerSource } from './employer-source.js';
import { employerClickRoutes } from './employer-clicks.js';
import { EmployerProfile, PatchEmployerBody, toEmployerProfile } from './employer-schemas.js';

const JOB_STATUSES = ['all', 'active', 'archived'] as const;

/** A job in the employer's list: the job, how often its apply link was followed, and whether the link checker finds it broken. */
const EmployerJob = Type.Object({
  ...JobDetail.properties,
  clicks: Type.Integer({ description: 'Apply clicks (the tracked apply link, API clicks and alert emails) since the job was posted.' }),
  linkBroken: Type.Boolean({ description: 'The link checker\'s latest checks of `originalUrl` failed.' }),
});
const EMPLOYER_JOB_COLUMNS = `(select count(*)::int from job_clicks c where c.job_id = j.id) as clicks, (j.link_failure_count > 0) as "linkBroken"`;

/** The employer portal: the employer's profile (their source) and their jobs. */
export async function employerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAuth('employer');
  await fastify.register(employerClickRoutes);

  app.get('/employers/me', {
    preHandler: guard,
    schema: {
      tags: ['employers'],
      summary: 'My employer profile',
      security: SESSION_SECURITY,
      response: { 200: EmployerProfile, ...errorResponses(401, 403) },
    },
  }, async (request) => toEmployerProfile(await ensureEmployerSource(request.server.ctx.orm.em.fork(), request.auth!.user)));

  app.patch('/employers/me', {
    preHandler: guard,
    schema: {
      tags: ['employers'],
      summary: 'Change my employer profile',
      description: 'The name is shown on every job and is unique across sources (409 when taken).',
      security: SESSION_SECURITY,
      body: PatchEmployerBody,
      response: { 200: EmployerProfile, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const source = await ensureEmployerSource(em, request.auth!.user);
    const { website, name, ...rest } = request.body;
    if (name !== undefined) {
      const cleaned = cleanText(name);
      if (!cleaned) throw ApiError.badRequest('name must not be blank.');
      source.name = cleaned;
    }
    assertPublicUrlHost(request, 'website', website);
    if (website !== undefined) source.baseUrl = website;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) (source as Record<string, unknown>)[key] = typeof value === 'string' ? cleanText(value) ?? null : value;
    }
    await em.flush();
    if (name !== undefined) invalidateSearchCache(request.server);
    return toEmployerProfile(source);
  });

  app.get('/employers/me/jobs', {
    preHandler: guard,
    schema: {
      tags: ['employers'],
      summary: 'My jobs, archived ones included',
      security: SESSION_SECURITY,
      querystring: Type.Object({ status: Type.Optional(Type.Enum(JOB_STATUSES, { default: 'all' })), ...PageQueryFields }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(EmployerJob), nextCursor: Nullable(Type.String()), total: Type.Integer() }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 20;
    const status = request.query.status ?? 'all';
    const page = keysetAfter(request.query.cursor, 'j.created_at', 'j.id');
    const state = status === 'all' ? 'true' : status === 'active' ? 'j.is_active' : 'not j.is_active';
    const owner = "s.employer_user_id = ? and s.source_type = 'employer'";
    const conn = request.server.ctx.orm.em.fork().getConnection();
    const userId = request.auth!.user.id;
    const [rows, [count]] = await Promise.all([
      conn.execute<(JobDetailRow & { cursorKey: string; clicks: number; linkBroken: boolean })[]>(
        `${JOB_DETAIL_SQL.replace('select ', `select ${page.keyColumn}, ${EMPLOYER_JOB_COLUMNS}, `)} where ${owner} and ${state} and ${page.sql}
         order by j.created_at desc, j.id desc limit ?`,
        [userId, ...page.params, limit + 1],
      ),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from jobs j join data_sources s on s.id = j.source_id where ${owner} and ${state}`, [userId]),
    ]);
    const { rows: items, nextCursor } = toPage(rows, limit);
    return { items: items.map((r) => ({ ...toJobDetail(r, true), clicks: r.clicks, linkBroken: r.linkBroken })), nextCursor, total: count!.n };
  });
}
