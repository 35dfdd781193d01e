import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { newId, Province, User, UserProfile } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { requireAuth, requireAuthBeforeMfa } from '../../auth/guards.js';
import { confirmOwner } from '../../auth/confirm-owner.js';
import { PASSWORD_MAX_LENGTH } from '../../auth/password-policy.js';
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
  if (!profile) {
    // An upsert, not a create: two first requests of one account (the site sends several at once)
    // would both insert and all but one hit the unique user_id (a 409 for a request that did no wrong).
    await em.getConnection().execute(
      'insert into user_profiles (id, user_id, created_at, updated_at) values (?, ?, now(), now()) on conflict (user_id) do nothing',
      [newId(), user.id],
    );
    profile = await em.findOneOrFail(UserProfile, { user: user.id });
  }
  return { user, profile };
}

/** `GET/PATCH/DELETE /users/me`, `POST /users/me/consent`. */
export async function meRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/me', {
    // Readable before MFA is set up: the site needs it to lead an admin there.
    preHandler: requireAuthBeforeMfa,
    schema: { tags, summary: 'My account and profile', security: SESSION_SECURITY, response: { 200: MeSchema, ...errorResponses(401, 403) } },
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
    // A body-less DELETE (what most clients send) reaches the guard and is told what proof to send.
    preValidation: async (request) => {
      request.body ??= {};
    },
    preHandler: requireAuth(),
    schema: {
      tags,
      summary: 'Delete my account and personal data',
      description: 'Deletes the account, profile, sessions, saved jobs, alerts and reset tokens; clicks and access-log entries lose their link to the user; an employer\'s job source stays, without its user. Needs the current `password` (or, with MFA on, a fresh `code`): 400 `PF_ERR_REAUTH_REQUIRED` without one, 403 `PF_ERR_REAUTH_FAILED` when wrong.',
      security: SESSION_SECURITY,
      body: Type.Object({
        password: Type.Optional(Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, description: 'The current password.' })),
        code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Instead of the password, when MFA is on: a fresh 6-digit code.' })),
      }),
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const { id, role } = request.auth!.user;
    const { user } = await loadMe(request, em);
    const via = await confirmOwner(request, em, user, request.body, 'user.delete');
    // One DELETE: the foreign keys cascade (profile, sessions, saved jobs, alerts) or set null (clicks, logs, sources).
    await em.nativeDelete(User, { id });
    await recordAccess(request, { action: 'user.delete', resource: `user:${id}`, outcome: 'success', statusCode: 204, user: null, details: { role, confirmedWith: via } });
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
