import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { cleanText, parseDateFilter } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { DateTime, Nullable } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';
import { keysetAfter, PageQueryFields, toPage } from './paging.js';
import { likeLiteral } from './users.js';

const AccessLogEntry = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  userEmail: Nullable(Type.String()),
  action: Type.String(),
  resource: Nullable(Type.String()),
  method: Nullable(Type.String()),
  path: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  outcome: Type.String(),
  statusCode: Nullable(Type.Integer()),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: DateTime(),
});

interface Row {
  id: string; userId: string | null; userEmail: string | null; action: string; resource: string | null; method: string | null;
  path: string | null; ip: string | null; outcome: string; statusCode: number | null; details: Record<string, unknown> | null; at: Date | string; cursorKey: string;
}

const dateParam = (description: string) => Type.Optional(Type.String({ maxLength: 40, description }));

/** `GET /admin/access-logs`: who did what, newest first. */
export async function adminAccessLogRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/admin/access-logs', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'Access log',
      description: 'Sign-ins and every admin write. `user` is a user id or an email; `action` matches a prefix (`admin.` for all admin writes).',
      security: SESSION_SECURITY,
      querystring: Type.Object({
        user: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
        action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        outcome: Type.Optional(Type.Enum(['success', 'failure', 'denied'] as const)),
        from: dateParam('On or after this date or time.'),
        to: dateParam('Before this time; a bare date includes that whole day.'),
        ...PageQueryFields,
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(AccessLogEntry), nextCursor: Nullable(Type.String()) }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const { limit = 20, outcome } = request.query;
    const where: string[] = [];
    const params: unknown[] = [];
    const user = cleanText(request.query.user);
    if (user) {
      where.push('(l.user_id = ? or u.email = ?)');
      params.push(user, user.toLowerCase());
    }
    const action = cleanText(request.query.action);
    if (action) {
      where.push("l.action like ? escape '\\'");
      params.push(`${likeLiteral(action)}%`);
    }
    if (outcome) {
      where.push('l.outcome = ?');
      params.push(outcome);
    }
    for (const [name, op] of [['from', '>='], ['to', '<']] as const) {
      const raw = request.query[name];
      if (raw === undefined) continue;
      const date = parseDateFilter(raw);
      if (!date) throw ApiError.badRequest(`${name} is not a real date: "${raw.slice(0, 40)}"`);
      // `to=2026-03-01` means "through March 1st", not "before its first instant".
      if (name === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) date.setUTCDate(date.getUTCDate() + 1);
      where.push(`l.at ${op} ?::timestamptz`);
      params.push(date.toISOString());
    }
    const page = keysetAfter(request.query.cursor, 'l.at', 'l.id');
    const rows = await request.server.ctx.orm.em.fork().getConnection().execute<Row[]>(
      `select l.id, l.user_id as "userId", u.email as "userEmail", l.action, l.resource, l.method, l.path, l.ip, l.outcome,
         l.status_code as "statusCode", l.details, l.at, ${page.keyColumn}
       from access_logs l left join users u on u.id = l.user_id
       where ${where.length ? where.join(' and ') : 'true'} and ${page.sql}
       order by l.at desc, l.id desc limit ?`,
      [...params, ...page.params, limit + 1],
    );
    const { rows: items, nextCursor } = toPage(rows, limit);
    return {
      items: items.map(({ cursorKey: _k, ...r }) => ({ ...r, details: r.details ?? {}, at: isoTime(r.at) })),
      nextCursor,
    };
  });
}
