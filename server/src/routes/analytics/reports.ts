import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { DEFAULT_TIMEZONE } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { parseDateFilter } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { DateTime, Nullable } from '../jobs/job-schemas.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
const TOP_JOBS = 10;

const Count = (fields: Parameters<typeof Type.Object>[0]) => Type.Array(Type.Object({ ...fields, count: Type.Integer() }));

const EngagementReport = Type.Object({
  from: DateTime(),
  to: DateTime(),
  timezone: Type.String({ description: 'Days are counted in this time zone.' }),
  clicks: Type.Object({
    total: Type.Integer(),
    byDay: Count({ day: Type.String({ format: 'date' }) }),
    bySource: Count({ sourceId: Type.String(), name: Type.String(), pluginId: Nullable(Type.String()) }),
    bySourceByDay: Type.Array(Type.Object({
      sourceId: Type.String(),
      name: Type.String(),
      byDay: Count({ day: Type.String({ format: 'date' }) }),
    }), { description: 'Each source with clicks in the range, in `bySource` order, with a count for every day of the range (zeros included).' }),
    byJobType: Count({ jobType: Type.String() }),
    byVia: Count({ via: Type.String({ description: '`apply` (the redirect), `api` (POST /analytics/clicks) or `email`.' }) }),
  }),
  topJobs: Count({ jobId: Type.String(), title: Type.String(), companyName: Type.String() }),
  savedJobsCreated: Type.Integer(),
  alertsCreated: Type.Integer(),
});
type EngagementReport = Static<typeof EngagementReport>;

/** The report's range: `to` defaults to now, `from` to 30 days before it; a bare `to` date includes that day. */
function range(fromRaw: string | undefined, toRaw: string | undefined, now: Date): { from: Date; to: Date } {
  const parse = (name: string, raw: string) => {
    const d = parseDateFilter(raw);
    if (!d) throw ApiError.badRequest(`${name} is not a real date: "${raw.slice(0, 40)}"`);
    return d;
  };
  let to = toRaw === undefined ? now : parse('to', toRaw);
  if (toRaw !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(toRaw)) to = new Date(to.getTime() + DAY_MS);
  const from = fromRaw === undefined ? new Date(to.getTime() - 30 * DAY_MS) : parse('from', fromRaw);
  if (from >= to) throw ApiError.badRequest('from must be before to.');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw ApiError.badRequest(`The range is at most ${MAX_RANGE_DAYS} days.`);
  return { from, to };
}

/** Every day of the range in `tz`, so a chart has its zero days too. */
function daysOf(from: Date, to: Date, tz: string): string[] {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS / 4) {
    const day = fmt.format(new Date(t));
    if (days.at(-1) !== day) days.push(day);
  }
  const last = fmt.format(new Date(to.getTime() - 1));
  if (days.at(-1) !== last) days.push(last);
  return days;
}

/** `GET /analytics/reports`: engagement over a range, for superusers and admins. */
export async function analyticsReportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/analytics/reports', {
    preHandler: requireAuth('superuser', 'admin'),
    schema: {
      tags: ['analytics'],
      summary: 'Engagement report',
      description: `Clicks (by day, source, job type and how they came), the ${TOP_JOBS} most clicked jobs, saved jobs and alerts created, `
        + `in [from, to). Defaults: the last 30 days. At most ${MAX_RANGE_DAYS} days.`,
      security: SESSION_SECURITY,
      querystring: Type.Object({
        from: Type.Optional(Type.String({ maxLength: 40 })),
        to: Type.Optional(Type.String({ maxLength: 40, description: 'A bare date includes that whole day.' })),
      }, { additionalProperties: false }),
      response: { 200: EngagementReport, ...errorResponses(400, 401, 403) },
    },
  }, async (request): Promise<EngagementReport> => {
    const { from, to } = range(request.query.from, request.query.to, new Date());
    const tz = DEFAULT_TIMEZONE;
    const conn = request.server.ctx.orm.em.fork().getConnection();
    const span = [from.toISOString(), to.toISOString()];
    const inRange = (col: string) => `${col} >= ?::timestamptz and ${col} < ?::timestamptz`;
    const [byDay, bySource, sourceDays, byJobType, byVia, topJobs, [saved], [alerts]] = await Promise.all([
      conn.execute<{ day: string; count: number }[]>(
        `select to_char(c.at at time zone ?, 'YYYY-MM-DD') as day, count(*)::int as count from job_clicks c where ${inRange('c.at')} group by 1`, [tz, ...span]),
      conn.execute<{ sourceId: string; name: string; pluginId: string | null; count: number }[]>(
        `select s.id as "sourceId", s.name, s.plugin_id as "pluginId", count(*)::int as count from job_clicks c join jobs j on j.id = c.job_id
         join data_sources s on s.id = j.source_id where ${inRange('c.at')} group by s.id order by count desc, s.name`, span),
      conn.execute<{ sourceId: string; day: string; count: number }[]>(
        `select j.source_id as "sourceId", to_char(c.at at time zone ?, 'YYYY-MM-DD') as day, count(*)::int as count
         from job_clicks c join jobs j on j.id = c.job_id where ${inRange('c.at')} group by 1, 2`, [tz, ...span]),
      conn.execute<{ jobType: string; count: number }[]>(
        `select j.job_type as "jobType", count(*)::int as count from job_clicks c join jobs j on j.id = c.job_id
         where ${inRange('c.at')} group by 1 order by count desc, 1`, span),
      conn.execute<{ via: string; count: number }[]>(
        `select c.via, count(*)::int as count from job_clicks c where ${inRange('c.at')} group by 1 order by count desc, 1`, span),
      conn.execute<{ jobId: string; title: string; companyName: string; count: number }[]>(
        `select j.id as "jobId", j.title, j.company_name as "companyName", count(*)::int as count from job_clicks c join jobs j on j.id = c.job_id
         where ${inRange('c.at')} group by j.id order by count desc, j.id limit ?`, [...span, TOP_JOBS]),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from saved_jobs where ${inRange('created_at')}`, span),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from job_alerts where ${inRange('created_at')}`, span),
    ]);
    const perDay = new Map(byDay.map((d) => [d.day, d.count]));
    const days = daysOf(from, to, tz);
    const perSourceDay = new Map(sourceDays.map((d) => [`${d.sourceId}|${d.day}`, d.count]));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      timezone: tz,
      clicks: {
        total: byDay.reduce((n, d) => n + d.count, 0),
        byDay: days.map((day) => ({ day, count: perDay.get(day) ?? 0 })),
        bySource,
        bySourceByDay: bySource.map((s) => ({
          sourceId: s.sourceId, name: s.name, byDay: days.map((day) => ({ day, count: perSourceDay.get(`${s.sourceId}|${day}`) ?? 0 })),
        })),
        byJobType,
        byVia,
      },
      topJobs,
      savedJobsCreated: saved!.n,
      alertsCreated: alerts!.n,
    };
  });
}
