import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DEFAULT_TIMEZONE } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { errorResponses } from '../../schemas/common.js';
import { SESSION_SECURITY } from '../jobs/security.js';

/** `GET /employers/me/clicks`: apply clicks on the employer's jobs per day (Toronto days), the last `days` days, every day listed. */
export async function employerClickRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/employers/me/clicks', {
    preHandler: requireAuth('employer'),
    schema: {
      tags: ['employers'],
      summary: 'Apply clicks on my jobs per day',
      description: 'One entry per day, oldest first, today included, days without a click as 0. Days are counted in America/Toronto.',
      security: SESSION_SECURITY,
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          timezone: Type.String(),
          items: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), clicks: Type.Integer() })),
          total: Type.Integer(),
        }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const days = request.query.days ?? 30;
    const tz = DEFAULT_TIMEZONE;
    const rows = await request.server.ctx.orm.em.fork().getConnection().execute<{ date: string; clicks: number }[]>(
      `with span as (
         select generate_series((now() at time zone ?)::date - (?::int - 1), (now() at time zone ?)::date, interval '1 day')::date as day
       )
       select to_char(span.day, 'YYYY-MM-DD') as date, count(c.id)::int as clicks
       from span
       left join (job_clicks c join jobs j on j.id = c.job_id join data_sources s on s.id = j.source_id
                  and s.employer_user_id = ? and s.source_type = 'employer')
         on (c.at at time zone ?)::date = span.day
       group by span.day order by span.day`,
      [tz, days, tz, request.auth!.user.id, tz],
    );
    return { timezone: tz, items: rows, total: rows.reduce((n, r) => n + r.clicks, 0) };
  });
}
