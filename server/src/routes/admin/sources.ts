import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { DataSource, User, cronProblem, type IDataSource, type PluginPatch } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { assertPublicUrlHost } from '../../http/public-url.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { invalidateSearchCache } from '../../search/search-cache-service.js';
import { AdminSource, CreateSourceBody, MANIFEST_FIELDS, PatchSourceBody, toAdminSource } from './source-schemas.js';

/**
 * The scheduler, when this process runs one and has the plugin loaded: plugin enable/disable and
 * schedule changes then go through it (queued runs cancelled, cron schedule updated at once).
 * Otherwise the row alone changes and schedulers pick it up when they next sync.
 */
type PluginControl = { updatePlugin(pluginId: string, patch: PluginPatch): Promise<unknown>; registry?: { get(id: string): unknown } };
function pluginControl(request: FastifyRequest, pluginId: string): PluginControl | undefined {
  const scheduler = request.server.ctx.services.scheduler as PluginControl | undefined;
  if (!scheduler) return undefined;
  return !scheduler.registry || scheduler.registry.get(pluginId) ? scheduler : undefined;
}

async function activeJobCounts(em: EntityManager, ids?: string[]): Promise<Map<string, number>> {
  const rows = await em.getConnection().execute<{ source_id: string; n: number }[]>(
    `select source_id, count(*)::int as n from jobs where is_active ${ids ? 'and source_id in (?)' : ''} group by source_id`, ids ? [ids] : [],
  );
  return new Map(rows.map((r) => [r.source_id, r.n]));
}

async function loadSource(em: EntityManager, id: string): Promise<IDataSource> {
  const source = await em.findOne(DataSource, id);
  if (!source) throw ApiError.notFound('No source with that id.');
  return source;
}

async function assertEmployerUser(em: EntityManager, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await em.findOne(User, userId);
  if (!user || user.role !== 'employer') throw ApiError.badRequest('employerUserId: no employer account with that id.');
}

const read = requireAuth('admin', 'superuser');
const write = requireAuth('admin');

/** `/admin/sources`: every data source with all its fields. Admins write; superusers read. */
export async function adminSourceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/admin/sources', {
    preHandler: read,
    schema: {
      tags: ['admin'],
      summary: 'List data sources',
      security: SESSION_SECURITY,
      querystring: Type.Object({
        type: Type.Optional(Type.Enum(['scraper', 'manual', 'employer'] as const)),
        q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the name, any case.' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AdminSource), total: Type.Integer() }), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const where: Record<string, unknown> = {};
    if (request.query.type) where.sourceType = request.query.type;
    if (request.query.q) where.name = { $ilike: `%${request.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    const sources = await em.find(DataSource, where, { orderBy: { name: 'asc' } });
    const counts = await activeJobCounts(em);
    return { items: sources.map((s) => toAdminSource(s, counts.get(s.id) ?? 0)), total: sources.length };
  });

  app.post('/admin/sources', {
    preHandler: write,
    config: { auditAction: 'admin.source.create' },
    schema: {
      tags: ['admin'],
      summary: 'Add a manual or employer source',
      description: 'Plugin sources are not created here: installing a plugin creates its source.',
      security: SESSION_SECURITY,
      body: CreateSourceBody,
      response: { 201: AdminSource, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const { employerUserId, ...fields } = request.body;
    assertPublicUrlHost(request, 'baseUrl', fields.baseUrl);
    await assertEmployerUser(em, employerUserId);
    const source = em.create(DataSource, { ...fields, sourceType: fields.sourceType ?? 'manual', employerUser: employerUserId ?? null } as never) as IDataSource;
    await em.flush();
    await recordAccess(request, { action: 'admin.source.create', resource: `source:${source.id}`, outcome: 'success', statusCode: 201, details: { name: source.name } });
    return reply.status(201).send(toAdminSource(source, 0));
  });

  app.get('/admin/sources/:id', {
    preHandler: read,
    schema: {
      tags: ['admin'],
      summary: 'One data source',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 200: AdminSource, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const source = await loadSource(em, request.params.id);
    return toAdminSource(source, (await activeJobCounts(em, [source.id])).get(source.id) ?? 0);
  });

  app.patch('/admin/sources/:id', {
    preHandler: write,
    config: { auditAction: 'admin.source.update' },
    schema: {
      tags: ['admin'],
      summary: 'Change a data source',
      description: 'On a plugin source the manifest\'s fields (baseUrl, crawl delay, disallowed paths, feed method) and the type are '
        + 'refused with 409; `enabled` and `scheduleOverride` go through the scheduler when one runs.',
      security: SESSION_SECURITY,
      params: IdParams,
      body: PatchSourceBody,
      response: { 200: AdminSource, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const source = await loadSource(em, request.params.id);
    const { employerUserId, scheduleOverride, enabled, ...fields } = request.body;
    const isPlugin = source.pluginId != null;
    if (isPlugin) {
      const locked = [...MANIFEST_FIELDS, 'sourceType'].filter((f) => (fields as Record<string, unknown>)[f] !== undefined);
      if (locked.length) throw new ApiError(409, 'PF_ERR_MANIFEST_FIELD', `Set by the plugin's manifest, not editable here: ${locked.join(', ')}.`, { fields: locked });
    } else if (scheduleOverride !== undefined) {
      throw ApiError.badRequest('scheduleOverride applies to plugin sources only.');
    }
    assertPublicUrlHost(request, 'baseUrl', fields.baseUrl);
    if (scheduleOverride) {
      const problem = cronProblem(scheduleOverride);
      if (problem) throw ApiError.badRequest(`scheduleOverride: ${problem}`);
    }
    if (employerUserId !== undefined) {
      await assertEmployerUser(em, employerUserId);
      source.employerUser = (employerUserId ?? null) as never;
    }
    em.assign(source, fields as never);
    const control = isPlugin ? pluginControl(request, source.pluginId!) : undefined;
    if (!control) {
      if (enabled !== undefined) source.enabled = enabled;
      if (scheduleOverride !== undefined) source.scheduleOverride = scheduleOverride === null ? null : scheduleOverride.trim();
    }
    await em.flush();
    if (control && (enabled !== undefined || scheduleOverride !== undefined)) {
      await control.updatePlugin(source.pluginId!, { enabled, schedule: scheduleOverride });
      await em.refresh(source);
    }
    // Results show the source's name, and a deleted source's jobs leave them.
    invalidateSearchCache(request.server);
    await recordAccess(request, {
      action: 'admin.source.update', resource: `source:${source.id}`, outcome: 'success', statusCode: 200,
      details: { fields: Object.keys(request.body) },
    });
    return toAdminSource(source, (await activeJobCounts(em, [source.id])).get(source.id) ?? 0);
  });

  app.delete('/admin/sources/:id', {
    preHandler: write,
    config: { auditAction: 'admin.source.delete' },
    schema: {
      tags: ['admin'],
      summary: 'Delete a manual or employer source and its jobs',
      description: 'Plugin sources cannot be deleted (409 `PF_ERR_PLUGIN_SOURCE`): disable them instead, or uninstall the plugin.',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const source = await loadSource(em, request.params.id);
    if (source.pluginId != null || source.sourceType === 'scraper') {
      throw new ApiError(409, 'PF_ERR_PLUGIN_SOURCE', 'A plugin\'s source cannot be deleted; disable it with PATCH {"enabled": false}.');
    }
    const [{ n }] = await em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from jobs where source_id = ?', [source.id]);
    await em.nativeDelete(DataSource, { id: source.id });
    invalidateSearchCache(request.server);
    await recordAccess(request, {
      action: 'admin.source.delete', resource: `source:${source.id}`, outcome: 'success', statusCode: 204, details: { name: source.name, jobsDeleted: n },
    });
    return reply.status(204).send(null);
  });
}
