import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { ApiError } from '../../http/api-error.js';
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

const RunDetails = Type.Object({
  skipped: Type.Array(Type.Object({ title: Nullable(Type.String()), reason: Type.String() }), { description: 'A sample of the postings the pipeline skipped, with why.' }),
  invalid: Type.Array(Type.Object({ errors: Type.Array(Type.String()) }), { description: 'A sample of the postings that failed validation, with their errors.' }),
  limited: Type.Boolean({ description: 'A limit (such as `maxItems`) stopped the run before the end of the listing.' }),
});

const ScrapeLogDetail = Type.Object({ ...ScrapeLogItem.properties, details: RunDetails });

const SELECT = `select l.id, s.id as "sourceId", s.name as "sourceName", s.plugin_id as "pluginId", s.source_type as "sourceType",
         l.status, l.trigger, l.started_at as "startedAt", l.completed_at as "completedAt", l.duration_ms as "durationMs",
         l.jobs_found as "jobsFound", l.jobs_added as "jobsAdded", l.jobs_updated as "jobsUpdated", l.jobs_unchanged as "jobsUnchanged",
         l.jobs_archived as "jobsArchived", l.jobs_skipped as "jobsSkipped", l.jobs_invalid as "jobsInvalid", l.requests,
         l.plugin_version as "pluginVersion", l.error_code as "errorCode", l.error_message as "errorMessage",
         l.partial_reason as "partialReason", l.partial_message as "partialMessage",
         case when l.status = 'running' then l.progress end as progress`;

function toItem({ cursorKey: _k, details: _d, sourceId, sourceName, pluginId, sourceType, ...r }: Row) {
  return {
    ...r,
    source: { id: sourceId, name: sourceName, pluginId, sourceType },
    startedAt: isoTime(r.startedAt),
    completedAt: isoTime(r.completedAt),
  };
}

/** The stored samples, read defensively: older runs stored none, and the column is free-form JSON. */
function toDetails(raw: Record<string, unknown> | null | undefined): Static<typeof RunDetails> {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);
  return {
    skipped: list(raw?.skipped).map((x) => ({ title: typeof x.title === 'string' ? x.title : null, reason: String(x.reason ?? '') })),
    invalid: list(raw?.invalid).map((x) => ({ errors: Array.isArray(x.errors) ? x.errors.map(String) : [] })),
    limited: raw?.limited === true,
  };
}

interface Row {
  id: string; sourceId: string; sourceName: string; pluginId: string | null; sourceType: (typeof SOURCE_TYPES)[number];
  status: (typeof SCRAPE_STATUSES)[number]; trigger: string; startedAt: Date | string; completedAt: Date | string | null; durationMs: number | null;
  jobsFound: number; jobsAdded: number; jobsUpdated: number; jobsUnchanged: number; jobsArchived: number; jobsSkipped: number; jobsInvalid: number;
  requests: number; pluginVersion: string | null; errorCode: string | null; errorMessage: string | null; cursorKey: string;
  partialReason: (typeof PARTIAL_REASONS)[number] | null; partialMessage: string | null; progress: RunProgress | null;
  details?: Record<string, unknown> | null;
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
      `${SELECT}, ${page.keyColumn}
       from scrape_logs l join data_sources s on s.id = l.source_id
       where ${where.length ? where.join(' and ') : 'true'} and ${page.sql}
       order by l.started_at desc, l.id desc limit ?`,
      [...params, ...page.params, limit + 1],
    );
    const { rows: items, nextCursor } = toPage(rows, limit);
    return {
      items: items.map(toItem),
      nextCursor,
    };
  });

  app.get('/admin/scrape-logs/:id', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'One crawl run',
      description: 'A run with its counts, error, live progress while running, and samples of the postings it skipped or found invalid.',
      security: SESSION_SECURITY,
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }),
      response: { 200: ScrapeLogDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const rows = await request.server.ctx.orm.em.fork().getConnection().execute<Row[]>(
      `${SELECT}, l.details, '' as "cursorKey"
       from scrape_logs l join data_sources s on s.id = l.source_id where l.id = ?`,
      [request.params.id],
    );
    const row = rows[0];
    if (!row) throw ApiError.notFound(`No crawl run "${request.params.id}".`);
    return { ...toItem(row), details: toDetails(row.details) };
  });
}
