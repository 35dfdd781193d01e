import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { JobAlert, type AlertFilters } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams, ListOf } from '../../schemas/common.js';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { SESSION_SECURITY } from '../auth/user-schema.js';
import { AlertSchema, CreateAlertBody, FILTER_KEYS, MAX_ALERTS_PER_USER, PatchAlertBody, toAlertDto } from './alert-schema.js';
import { checkProvinces } from './provinces.js';

type FilterInput = Partial<Record<(typeof FILTER_KEYS)[number], string[]>>;

/** The stored filters: enums de-duplicated, provinces upper-cased and checked (400 when unknown). */
async function buildFilters(em: EntityManager, input: FilterInput, base: AlertFilters = {}): Promise<AlertFilters> {
  const filters: AlertFilters = { ...base };
  for (const key of FILTER_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    filters[key] = key === 'province' ? await checkProvinces(em, value, 'province') : [...new Set(value)];
  }
  return filters;
}

const cleanQuery = (q: string | null | undefined) => (typeof q === 'string' ? q.trim() || null : null);

async function loadOwnAlert(em: EntityManager, userId: string, id: string) {
  const alert = await em.findOne(JobAlert, { id, user: userId });
  // Another user's alert is "not found" too: ids of others' alerts are not confirmed.
  if (!alert) throw ApiError.notFound('No alert with that id.');
  return alert;
}

/** `GET/POST /users/me/alerts`, `PATCH/DELETE /users/me/alerts/{id}`. */
export async function alertRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/me/alerts', {
    preHandler: requireAuth(),
    schema: { tags, summary: 'My job alerts', security: SESSION_SECURITY, response: { 200: ListOf(AlertSchema), ...errorResponses(401) } },
  }, async (request) => {
    const alerts = await request.server.ctx.orm.em.fork().find(JobAlert, { user: request.auth!.user.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { items: alerts.map(toAlertDto), total: alerts.length };
  });

  app.post('/me/alerts', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Create a job alert',
      description: `Filters use the job search's names. At most ${MAX_ALERTS_PER_USER} alerts per user (409 beyond). Emails are sent only while consent is given.`,
      security: SESSION_SECURITY,
      body: CreateAlertBody,
      response: { 201: AlertSchema, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const userId = request.auth!.user.id;
    if ((await em.count(JobAlert, { user: userId })) >= MAX_ALERTS_PER_USER) {
      throw ApiError.conflict(`You already have ${MAX_ALERTS_PER_USER} alerts, the most allowed; delete one first.`);
    }
    const body = request.body;
    const alert = em.create(JobAlert, {
      user: userId,
      name: body.name.trim() || body.name,
      query: cleanQuery(body.q),
      filters: await buildFilters(em, { jobType: body.jobType ?? [], term: body.term ?? [], locationType: body.locationType ?? [], province: body.province ?? [] }),
      frequency: body.frequency ?? 'daily',
      active: body.active ?? true,
      unsubscribeToken: crypto.randomBytes(32).toString('hex'),
    });
    await em.flush();
    await recordAccess(request, { action: 'user.alert.create', resource: `alert:${alert.id}`, outcome: 'success', statusCode: 201 });
    return reply.status(201).send(toAlertDto(alert));
  });

  app.patch('/me/alerts/:id', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Change a job alert',
      security: SESSION_SECURITY,
      params: IdParams,
      body: PatchAlertBody,
      response: { 200: AlertSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const alert = await loadOwnAlert(em, request.auth!.user.id, request.params.id);
    const body = request.body;
    if (body.name !== undefined) alert.name = body.name.trim() || body.name;
    if (body.q !== undefined) alert.query = cleanQuery(body.q);
    if (body.frequency !== undefined) alert.frequency = body.frequency;
    if (body.active !== undefined) {
      // An alert switched back on starts from now, not from the backlog it missed while off.
      if (body.active && !alert.active) alert.lastRunAt = new Date();
      alert.active = body.active;
    }
    alert.filters = await buildFilters(em, body, alert.filters);
    await em.flush();
    await recordAccess(request, { action: 'user.alert.update', resource: `alert:${alert.id}`, outcome: 'success', statusCode: 200 });
    return toAlertDto(alert);
  });

  app.delete('/me/alerts/:id', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Delete a job alert',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const alert = await loadOwnAlert(em, request.auth!.user.id, request.params.id);
    await em.remove(alert).flush();
    await recordAccess(request, { action: 'user.alert.delete', resource: `alert:${alert.id}`, outcome: 'success', statusCode: 204 });
    return reply.status(204).send(null);
  });
}
