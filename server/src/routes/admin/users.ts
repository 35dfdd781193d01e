import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { USER_ROLES, User, type IUser } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { cleanText } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { Nullable } from '../jobs/job-schemas.js';
import { UserSchema, toUserDto } from '../auth/user-schema.js';
import { keysetAfter, PageQueryFields, toPage } from './paging.js';

/** Escapes `%`, `_` and `\` so a search text matches literally inside `like`. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `GET /admin/users` and `PATCH /admin/users/{id}`: find accounts, change a role. */
export async function adminUserRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/admin/users', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'Find user accounts',
      description: 'Newest first. `q` matches part of the email, any case.',
      security: SESSION_SECURITY,
      querystring: Type.Object({
        q: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
        role: Type.Optional(Type.Enum(USER_ROLES)),
        ...PageQueryFields,
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(UserSchema), nextCursor: Nullable(Type.String()), total: Type.Integer() }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const { role, limit = 20, cursor } = request.query;
    const q = cleanText(request.query.q)?.toLowerCase();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q) {
      where.push("email like ? escape '\\'");
      params.push(`%${likeLiteral(q)}%`);
    }
    if (role) {
      where.push('role = ?');
      params.push(role);
    }
    const filter = where.length ? where.join(' and ') : 'true';
    const page = keysetAfter(cursor, 'created_at', 'id');
    const em = request.server.ctx.orm.em.fork();
    const conn = em.getConnection();
    const [rows, [count]] = await Promise.all([
      conn.execute<{ id: string; cursorKey: string }[]>(
        `select id, ${page.keyColumn} from users where ${filter} and ${page.sql} order by created_at desc, id desc limit ?`,
        [...params, ...page.params, limit + 1],
      ),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from users where ${filter}`, params),
    ]);
    const { rows: pageRows, nextCursor } = toPage(rows, limit);
    const users = await em.find(User, { id: { $in: pageRows.map((r) => r.id) } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return { items: pageRows.map((r) => toUserDto(byId.get(r.id) as IUser)), nextCursor, total: count!.n };
  });

  app.patch('/admin/users/:id', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.user.update' },
    schema: {
      tags: ['admin'],
      summary: 'Change a user\'s role',
      description: 'An admin cannot change their own role (409), so there is always an admin left.',
      security: SESSION_SECURITY,
      params: IdParams,
      body: Type.Object({ role: Type.Enum(USER_ROLES) }, { additionalProperties: false }),
      response: { 200: UserSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const user = await em.findOne(User, request.params.id);
    if (!user) throw ApiError.notFound('No user with that id.');
    const from = user.role;
    if (user.id === request.auth!.user.id && request.body.role !== from) {
      throw ApiError.conflict('You cannot change your own role; ask another admin.');
    }
    user.role = request.body.role;
    await em.flush();
    await recordAccess(request, { action: 'admin.user.update', resource: `user:${user.id}`, outcome: 'success', statusCode: 200, details: { from, to: user.role } });
    return toUserDto(user);
  });
}
