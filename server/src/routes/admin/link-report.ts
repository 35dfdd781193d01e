import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { queueLinkCheck } from '@pathfinder/core';
import { recordAccess } from '../../audit/access-log.js';
import { requireAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { needsScheduler } from './needs-scheduler.js';
import { errorResponses } from '../../schemas/common.js';
import { parseDateFilter } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { DateTime, Nullable, SourceRef } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';

/**
 * Archive reasons the link checker writes for a dead link: an HTTP status (`HTTP 404`), a `link:`
 * verdict (`link: redirected to the board's home page`) or a network failure (`Connection refused`).
 */
export const DEAD_LINK_CONDITION = "(j.archive_reason like 'HTTP %' or j.archive_reason like 'link:%' or j.archive_reason like 'Connection%')";

/** A live link answering slower than this on its last check is listed as slow. */
export const SLOW_LINK_MS = 3000;

/** The three lists of the report: each a condition on `jobs j`, the order within a source, and the time `since` applies to. */
const KINDS = {
  broken: { where: `not j.is_active and ${DEAD_LINK_CONDITION}`, order: 'j.archived_at desc nulls last, j.id', at: 'j.archived_at' },
  redirected: { where: 'j.is_active and j.link_final_url is not null', order: 'j.link_checked_at desc nulls last, j.id', at: 'j.link_checked_at' },
  slow: { where: `j.is_active and j.link_response_ms >= ${SLOW_LINK_MS}`, order: 'j.link_response_ms desc, j.id', at: 'j.link_checked_at' },
} as const;

const DeadJob = Type.Object({
  id: Type.String(),
  title: Type.String(),
  companyName: Type.String(),
  originalUrl: Type.String(),
  archivedAt: Nullable(DateTime()),
  archiveReason: Nullable(Type.String({ description: 'Why a broken link\'s job was archived; null on live jobs.' })),
  linkLastError: Nullable(Type.String()),
  linkFailureCount: Type.Integer(),
  linkCheckedAt: Nullable(DateTime()),
  linkFinalUrl: Nullable(Type.String({ description: 'Where a redirect took the link on its last check.' })),
  linkResponseMs: Nullable(Type.Integer({ description: 'How long the link\'s last check took to answer, in milliseconds.' })),
});

const LinkReport = Type.Object({
  items: Type.Array(Type.Object({
    source: SourceRef,
    count: Type.Integer({ description: 'Jobs of this source in the list (all of them, even past `perSource`).' }),
    jobs: Type.Array(DeadJob, { description: 'The most recent ones.' }),
  })),
  total: Type.Integer(),
});

interface Row {
  sourceId: string; sourceName: string; pluginId: string | null; sourceType: string; count: number;
  jobs: {
    id: string; title: string; companyName: string; originalUrl: string; archivedAt: string | null; archiveReason: string | null; linkLastError: string | null;
    linkFailureCount: number; linkCheckedAt: string | null; linkFinalUrl: string | null; linkResponseMs: number | null;
  }[];
}

/** 503 where no started scheduler runs here: there is no queue to put the check on. */
const needsLinkScheduler = needsScheduler('This server runs no scheduler, so the link check cannot be queued here.', { started: true });

const LinkCheckAccepted = Type.Object({
  queued: Type.Boolean({ description: 'false when a link check was already waiting: that one runs, no second one is queued.' }),
  jobId: Nullable(Type.String({ description: 'The queued check, when this request queued one.' })),
});

/**
 * `GET /admin/reports/links`: jobs archived for dead links, grouped by source, most affected source
 * first; `POST /admin/reports/links/check`: run the link check now instead of waiting for 03:00.
 */
export async function adminLinkReportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/admin/reports/links', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'Link report: broken, redirected and slow links',
      description: '`kind=broken` (default): jobs archived because their link died. `redirected`: live jobs whose link now leads elsewhere. '
        + `\`slow\`: live jobs whose link took ${SLOW_LINK_MS} ms or more to answer on its last check. Grouped by source, most affected first.`,
      security: SESSION_SECURITY,
      querystring: Type.Object({
        kind: Type.Optional(Type.Enum(['broken', 'redirected', 'slow'] as const, { default: 'broken' })),
        since: Type.Optional(Type.String({ maxLength: 40, description: 'Only jobs archived (broken) or checked (redirected, slow) on or after this date.' })),
        perSource: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Jobs listed per source.' })),
      }, { additionalProperties: false }),
      response: { 200: LinkReport, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const since = request.query.since === undefined ? undefined : parseDateFilter(request.query.since);
    if (request.query.since !== undefined && !since) throw ApiError.badRequest('since is not a date.');
    const params: unknown[] = [];
    let sinceSql = '';
    const kind = KINDS[request.query.kind ?? 'broken'];
    if (since) {
      sinceSql = `and ${kind.at} >= ?::timestamptz`;
      params.push(since.toISOString());
    }
    params.push(request.query.perSource ?? 50);
    const rows = await request.server.ctx.orm.em.fork().getConnection().execute<Row[]>(
      `with dead as (
         select j.*, row_number() over (partition by j.source_id order by ${kind.order}) as rn
         from jobs j where ${kind.where} ${sinceSql}
       )
       select s.id as "sourceId", s.name as "sourceName", s.plugin_id as "pluginId", s.source_type as "sourceType", count(*)::int as count,
         json_agg(json_build_object('id', d.id, 'title', d.title, 'companyName', d.company_name, 'originalUrl', d.original_url,
           'archivedAt', d.archived_at, 'archiveReason', d.archive_reason, 'linkLastError', d.link_last_error,
           'linkFailureCount', d.link_failure_count, 'linkCheckedAt', d.link_checked_at, 'linkFinalUrl', d.link_final_url,
           'linkResponseMs', d.link_response_ms) order by d.rn) filter (where d.rn <= ?) as jobs
       from dead d join data_sources s on s.id = d.source_id
       group by s.id order by count(*) desc, s.name`,
      params,
    );
    const items = rows.map((r) => ({
      source: { id: r.sourceId, name: r.sourceName, pluginId: r.pluginId, sourceType: r.sourceType as 'scraper' },
      count: r.count,
      jobs: (r.jobs ?? []).map((j) => ({ ...j, archivedAt: isoTime(j.archivedAt), linkCheckedAt: isoTime(j.linkCheckedAt) })),
    }));
    return { items, total: items.reduce((n, i) => n + i.count, 0) };
  });

  app.post('/admin/reports/links/check', {
    preHandler: [requireAuth('admin'), needsLinkScheduler],
    config: { auditAction: 'admin.links.check' },
    schema: {
      tags: ['admin'],
      summary: 'Check every active job\'s link now',
      description: 'Queues the link check (otherwise daily at 03:00 America/Toronto) for a worker. One check runs at a time: '
        + 'when one is already waiting, `queued` is false and nothing more is queued. Watch the report for its results.',
      security: SESSION_SECURITY,
      response: { 202: LinkCheckAccepted, ...errorResponses(401, 403, 503) },
    },
  }, async (request, reply) => {
    const jobId = await queueLinkCheck(request.server.ctx.services.scheduler!);
    await recordAccess(request, { action: 'admin.links.check', outcome: 'success', statusCode: 202, details: { jobId } });
    return reply.status(202).send({ queued: jobId !== null, jobId });
  });
}
