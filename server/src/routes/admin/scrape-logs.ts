import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PARTIAL_REASONS, SCRAPE_STATUSES, SOURCE_TYPES, type RunProgress } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { errorResponses } from '../../schemas/common.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { DateTime, Nullable, SourceRef } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';
import { keysetAfter, PageQueryFields, toPage } from './paging.js';

const ScrapeLogItem = Type.Object({
  id: Type.String({ description: 'The run id.' }),
  source: SourceRef,
  status: Type.Enum(SCRAPE_STATUSES, {
    description: '`queued` → `running` → `success` | `partial` | `failed` | `aborted`. `partial`: the run ended normally but archived '
      + 'nothing, see `partialReason`.',
  }),
  trigger: Type.String({ description: '`schedule`, `manual`, `cli` or `retry`.' }),
  startedAt: DateTime('When it started running (when it was queued, while `queued`).'),
  completedAt: Nullable(DateTime()),
  durationMs: Nullable(Type.Integer()),
  jobsFound: Type.Integer(),
  jobsAdded: Type.Integer(),
  jobsUpdated: Type.Integer(),
  jobsUnchanged: Type.Integer(),
  jobsArchived: Type.Integer(),
  jobsSkipped: Type.Integer(),
  jobsInvalid: Type.Integer(),
  requests: Type.Integer(),
  pluginVersion: Nullable(Type.String()),
  errorCode: Nullable(Type.String()),
  errorMessage: Nullable(Type.String()),
  partialReason: Nullable(Type.Enum(PARTIAL_REASONS, {
    description: 'Why a `partial` run archived nothing: `empty` (it saw none of the source\'s jobs), `shrunk` (it would have archived more '
      + 'than the source\'s `maxArchiveFraction` of its active jobs, default half) or `limited` (a limit such as `maxItems` or `maxPages` stopped it).',
  })),
  partialMessage: Nullable(Type.String({ description: 'The same, for a person.' })),
  progress: Nullable(Type.Object({
    requests: Type.Integer(),
    postings: Type.Integer({ description: 'Postings the plugin yielded so far.' }),
    skipped: Type.Integer({ description: 'Postings skipped (senior roles, duplicates) or invalid so far.' }),
    nextRequestAt: Nullable(DateTime('When the next request is due (the crawl delay), if one is waiting.')),
    updatedAt: DateTime('When these counters were stored (every ~2 s while the run makes progress).'),
  }, { description: 'Live counters of a `running` run; null otherwise.' })),
});

interface Row {
  id: string; sourceId: string; sourceName: string; pluginId: string | null; sourceType: (typeof SOURCE_TYPES)[number];
  status: (typeof SCRAPE_STATUSES)[number]; trigger: string; startedAt: Date | string; completedAt: Date | string | null; durationMs: number | null;
  jobsFound: number; jobsAdded: number; jobsUpdated: number; jobsUnchanged: number; jobsArchived: number; jobsSkipped: number; jobsInvalid: number;
  requests: number; pluginVersion: string | null; errorCode: string | null; errorMessage: string | null; cursorKey: string;
  partialReason: (typeof PARTIAL_REASONS)[number] | null; partialMessage: string | null; progress: RunProgress | null;
}

/** `GET /admin/scrape-logs`: crawl runs, newest first, by source (id or plugin id) and status. */
export async function adminScrapeLogRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/admin/scrape-logs', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'Crawl runs (scrape logs)',
      description: 'Newest first. `source` is a source id or a plugin id (`civicjobs`).',
      security: SESSION_SECURITY,
      querystring: Type.Object({
        source: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        status: Type.Optional(Type.Enum(SCRAPE_STATUSES)),
        ...PageQueryFields,
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(ScrapeLogItem), nextCursor: Nullable(Type.String()) }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const { limit = 20, source, status } = request.query;
    const where: string[] = [];
    const params: unknown[] = [];
    if (source) {
      where.push('(s.id = ? or s.plugin_id = ?)');
      params.push(source, source);
    }
    if (status) {
      where.push('l.status = ?');
      params.push(status);
    }
    const page = keysetAfter(request.query.cursor, 'l.started_at', 'l.id');
    const rows = await request.server.ctx.orm.em.fork().getConnection().execute<Row[]>(
      `select l.id, s.id as "sourceId", s.name as "sourceName", s.plugin_id as "pluginId", s.source_type as "sourceType",
         l.status, l.trigger, l.started_at as "startedAt", l.completed_at as "completedAt", l.duration_ms as "durationMs",
         l.jobs_found as "jobsFound", l.jobs_added as "jobsAdded", l.jobs_updated as "jobsUpdated", l.jobs_unchanged as "jobsUnchanged",
         l.jobs_archived as "jobsArchived", l.jobs_skipped as "jobsSkipped", l.jobs_invalid as "jobsInvalid", l.requests,
         l.plugin_version as "pluginVersion", l.error_code as "errorCode", l.error_message as "errorMessage",
         l.partial_reason as "partialReason", l.partial_message as "partialMessage",
         case when l.status = 'running' then l.progress end as progress, ${page.keyColumn}
       from scrape_logs l join data_sources s on s.id = l.source_id
       where ${where.length ? where.join(' and ') : 'true'} and ${page.sql}
       order by l.started_at desc, l.id desc limit ?`,
      [...params, ...page.params, limit + 1],
    );
    const { rows: items, nextCursor } = toPage(rows, limit);
    return {
      items: items.map(({ cursorKey: _k, sourceId, sourceName, pluginId, sourceType, ...r }) => ({
        ...r,
        source: { id: sourceId, name: sourceName, pluginId, sourceType },
        startedAt: isoTime(r.startedAt),
        completedAt: isoTime(r.completedAt),
      })),
      nextCursor,
    };
  });
}
