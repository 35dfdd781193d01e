import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { Province, User, UserProfile } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { requireAuth } from '../../auth/guards.js';
import { clearSessionCookie } from '../../auth/session-cookie.js';
import { recordAccess } from '../../audit/access-log.js';
import { SESSION_SECURITY } from '../auth/user-schema.js';
import { MeSchema, PatchMeBody, PROFILE_KEYS, toMeDto } from './me-schema.js';
import { checkProvinces } from './provinces.js';

/** The caller's row and profile (the profile is created on first need). */
export async function loadMe(request: FastifyRequest, em: EntityManager) {
  const user = await em.findOne(User, { id: request.auth!.user.id });
  if (!user) throw ApiError.unauthenticated();
  let profile = await em.findOne(UserProfile, { user: user.id });
  if (!profile) profile = em.create(UserProfile, { user });
  return { user, profile };
}

/** `GET/PATCH/DELETE /users/me`, `POST /users/me/consent`. */
export async function meRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/me', {
    preHandler: requireAuth(),
    schema: { tags, summary: 'My account and profile', security: SESSION_SECURITY, response: { 200: MeSchema, ...errorResponses(401) } },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const { user, profile } = await loadMe(request, em);
    await em.flush();
    return toMeDto(user, profile);
  });

  app.patch('/me', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Update my profile',
      description: 'Only the fields sent change; `null` or an empty string clears a field.',
      security: SESSION_SECURITY,
      body: PatchMeBody,
      response: { 200: MeSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const { user, profile } = await loadMe(request, em);
    const body = request.body as Record<string, string | number | null | undefined>;
    const changed: string[] = [];
    for (const key of PROFILE_KEYS) {
      if (body[key] === undefined) continue;
      let value = body[key];
      if (typeof value === 'string') value = value.trim() || null;
      if (key === 'province') {
        const code = value === null ? null : (await checkProvinces(em, [String(value)], 'province'))[0]!;
        profile.province = code === null ? null : em.getReference(Province, code);
      } else {
        (profile as unknown as Record<string, unknown>)[key] = value;
      }
      changed.push(key);
    }
    await em.flush();
    if (changed.length > 0) await recordAccess(request, { action: 'user.update', resource: `user:${user.id}`, outcome: 'success', statusCode: 200, details: { fields: changed } });
    return toMeDto(user, profile);
  });

  app.delete('/me', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Delete my account and personal data',
      description: 'Deletes the account, profile, sessions, saved jobs, alerts and reset tokens; clicks and access-log entries lose their link to the user; an employer\'s job source stays, without its user.',
      security: SESSION_SECURITY,
      response: { 204: Type.Null(), ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const { id, role } = request.auth!.user;
    // One DELETE: the foreign keys cascade (profile, sessions, saved jobs, alerts) or set null (clicks, logs, sources).
    await em.nativeDelete(User, { id });
    await recordAccess(request, { action: 'user.delete', resource: `user:${id}`, outcome: 'success', statusCode: 204, user: null, details: { role } });
    clearSessionCookie(reply, request.server.ctx.config);
    return reply.status(204).send(null);
  });

  app.post('/me/consent', {
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Give or withdraw consent to alert emails',
      description: 'Records when consent was given or withdrawn. Without consent no alert email is sent; alerts themselves stay.',
      security: SESSION_SECURITY,
      body: Type.Object({ given: Type.Boolean() }),
      response: { 200: MeSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const em = request.server.ctx.orm.em.fork();
    const { user, profile } = await loadMe(request, em);
    const now = new Date();
    user.consentGiven = request.body.given;
    if (request.body.given) user.consentDate = now;
    else user.consentWithdrawn = now;
    await em.flush();
    await recordAccess(request, { action: 'user.consent', resource: `user:${user.id}`, outcome: 'success', statusCode: 200, details: { given: request.body.given } });
    return toMeDto(user, profile);
  });
}
