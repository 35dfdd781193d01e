import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { Major, Province, Skill } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { cleanText } from '../../search/search-filters.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { Nullable } from '../jobs/job-schemas.js';

/** One row of a reference table. Provinces: `id` is the two-letter code, `name` the English name. */
const ReferenceItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameFr: Type.Optional(Type.String()),
  createdAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});

const TABLES = ['provinces', 'majors', 'skills'] as const;
type Table = (typeof TABLES)[number];
const EDITABLE = { majors: Major, skills: Skill } as const;

const TableParams = Type.Object({ table: Type.String({ minLength: 1, maxLength: 40, description: '`provinces`, `majors` or `skills`.' }) });
const ItemParams = Type.Object({ table: TableParams.properties.table, id: IdParams.properties.id });
const NameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

function knownTable(table: string): Table {
  if (!(TABLES as readonly string[]).includes(table)) throw ApiError.notFound(`No reference table "${table.slice(0, 40)}": use provinces, majors or skills.`);
  return table as Table;
}

function editableTable(table: string): keyof typeof EDITABLE {
  if (knownTable(table) === 'provinces') throw new ApiError(405, 'PF_ERR_READ_ONLY', 'Provinces are fixed; only majors and skills can be edited.');
  return table as keyof typeof EDITABLE;
}

function cleanName(name: string): string {
  const cleaned = cleanText(name)?.replace(/\s+/g, ' ');
  if (!cleaned) throw ApiError.badRequest('name must not be blank.');
  return cleaned;
}

/** Names are unique whatever their case: "Computer Science" and "computer science" are one major. */
async function assertNameFree(em: EntityManager, table: keyof typeof EDITABLE, name: string, exceptId?: string): Promise<void> {
  const [row] = await em.getConnection().execute<{ id: string }[]>(`select id from ${table} where lower(name) = lower(?) and id <> ?`, [name, exceptId ?? '']);
  if (row) throw ApiError.conflict(`"${name}" is already in ${table}.`);
}

type Named = { id: string; name: string; createdAt: Date };
const toItem = (row: Named) => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString() });

/** `/admin/reference/{table}`: provinces (read-only), majors and skills. Admins write; superusers read. */
export async function adminReferenceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['admin'];

  app.get('/admin/reference/:table', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags, summary: 'A reference table', security: SESSION_SECURITY, params: TableParams,
      response: { 200: Type.Object({ items: Type.Array(ReferenceItem), total: Type.Integer() }), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const table = knownTable(request.params.table);
    const em = request.server.ctx.orm.em.fork();
    if (table === 'provinces') {
      const rows = await em.find(Province, {}, { orderBy: { code: 'asc' } });
      return { items: rows.map((p) => ({ id: p.code, name: p.nameEn, nameFr: p.nameFr })), total: rows.length };
    }
    const rows = (await em.find(EDITABLE[table], {}, { orderBy: { name: 'asc' } })) as Named[];
    return { items: rows.map(toItem), total: rows.length };
  });

  app.post('/admin/reference/:table', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.reference.create' },
    schema: {
      tags, summary: 'Add a major or skill', security: SESSION_SECURITY, params: TableParams, body: NameBody,
      response: { 201: ReferenceItem, ...errorResponses(400, 401, 403, 404, 405, 409) },
    },
  }, async (request, reply) => {
    const table = editableTable(request.params.table);
    const em = request.server.ctx.orm.em.fork();
    const name = cleanName(request.body.name);
    await assertNameFree(em, table, name);
    const row = em.create(EDITABLE[table] as typeof Major, { name }) as Named;
    await em.flush();
    await recordAccess(request, { action: 'admin.reference.create', resource: `${table}:${row.id}`, outcome: 'success', statusCode: 201, details: { name } });
    return reply.status(201).send(toItem(row));
  });

  app.patch('/admin/reference/:table/:id', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.reference.update' },
    schema: {
      tags, summary: 'Rename a major or skill', security: SESSION_SECURITY, params: ItemParams, body: NameBody,
      response: { 200: ReferenceItem, ...errorResponses(400, 401, 403, 404, 405, 409) },
    },
  }, async (request) => {
    const table = editableTable(request.params.table);
    const em = request.server.ctx.orm.em.fork();
    const row = (await em.findOne(EDITABLE[table] as typeof Major, request.params.id)) as Named | null;
    if (!row) throw ApiError.notFound(`No such entry in ${table}.`);
    const name = cleanName(request.body.name);
    await assertNameFree(em, table, name, row.id);
    const before = row.name;
    row.name = name;
    await em.flush();
    await recordAccess(request, { action: 'admin.reference.update', resource: `${table}:${row.id}`, outcome: 'success', statusCode: 200, details: { from: before, to: name } });
    return toItem(row);
  });

  app.delete('/admin/reference/:table/:id', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.reference.delete' },
    schema: {
      tags, summary: 'Remove a major or skill', security: SESSION_SECURITY, params: ItemParams,
      response: { 204: Type.Null({ description: 'Removed.' }), ...errorResponses(400, 401, 403, 404, 405) },
    },
  }, async (request, reply) => {
    const table = editableTable(request.params.table);
    const em = request.server.ctx.orm.em.fork();
    const row = (await em.findOne(EDITABLE[table] as typeof Major, request.params.id)) as Named | null;
    if (!row) throw ApiError.notFound(`No such entry in ${table}.`);
    await em.nativeDelete(EDITABLE[table] as typeof Major, { id: row.id });
    await recordAccess(request, { action: 'admin.reference.delete', resource: `${table}:${row.id}`, outcome: 'success', statusCode: 204, details: { name: row.name } });
    return reply.status(204).send(null);
  });
}
