import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { renderSVG } from 'uqr';
import { User, type IUser } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { requireAuth, requireAuthBeforeMfa, requirePendingMfa } from '../../auth/guards.js';
import { describeTotpKey, newTotpKey } from '../../auth/totp.js';
import { consumeTotp, openForUser, sealForUser } from '../../auth/mfa-state.js';
import { createSession, invalidateOtherSessions, invalidateSession } from '../../auth/sessions.js';
import { sessionExpiry } from '../../auth/session-policy.js';
import { setSessionCookie } from '../../auth/session-cookie.js';
import { enforceRateLimit, resetAccountLimit } from '../../rate-limit/enforce.js';
import { recordAccess } from '../../audit/access-log.js';
import { SESSION_SECURITY, toUserDto, TotpCodeBody, UserSchema } from './user-schema.js';

const SetupResponse = Type.Object({
  secret: Type.String({ description: 'The TOTP key, base32, for typing into an authenticator app.' }),
  otpauthUrl: Type.String({ description: '`otpauth://totp/…` (SHA-1, 6 digits, 30 s).' }),
  qrCodeSvg: Type.String({ description: 'The otpauth URL as a QR code, an SVG document.' }),
});

/** Loads the caller's row fresh (the guard's copy belongs to another unit of work). */
async function loadCaller(request: FastifyRequest) {
  const em = request.server.ctx.orm.em.fork();
  const user = await em.findOne(User, { id: request.auth!.user.id });
  if (!user) throw ApiError.unauthenticated();
  return { em, user };
}

/**
 * Checks the code against the given key and consumes its time step; 400 when wrong or replayed.
 * Each attempt counts against the MFA rate limit (5 per 15 minutes per user by default).
 */
async function requireCode(request: FastifyRequest, em: Awaited<ReturnType<typeof loadCaller>>['em'], user: IUser, sealed: string | null | undefined, action: string): Promise<void> {
  await enforceRateLimit(request, 'mfa', user.id);
  const key = await openForUser(request.server.ctx.config, user, sealed);
  if (!key) throw ApiError.conflict('The stored MFA key cannot be read; set MFA up again.');
  const check = await consumeTotp(em, user, key, (request.body as { code: string }).code);
  if (!check.ok) {
    await recordAccess(request, { action, outcome: 'failure', statusCode: 400, user, details: { reason: check.reason } });
    throw ApiError.badRequest(check.reason === 'replayed' ? 'That code was already used; wait for the next one.' : 'The code is not valid.', { field: 'code', reason: check.reason });
  }
  await resetAccountLimit(request, 'mfa', user.id);
}

/** `POST /auth/mfa/setup|enable|verify|disable`. */
export async function mfaRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/mfa/setup', {
    // Reachable before MFA is on: where an admin or superuser without MFA is sent.
    preHandler: requireAuthBeforeMfa,
    schema: {
      tags: ['auth'],
      summary: 'Start MFA setup: a new TOTP key, kept pending until confirmed with `POST /auth/mfa/enable`',
      security: SESSION_SECURITY,
      response: { 200: SetupResponse, ...errorResponses(401, 403, 409) },
    },
  }, async (request) => {
    const { em, user } = await loadCaller(request);
    if (user.mfaEnabled) throw ApiError.conflict('MFA is already on; disable it first to change the key.');
    const key = newTotpKey();
    user.mfaPendingSecret = await sealForUser(request.server.ctx.config, user, key);
    await em.flush();
    const { secret, otpauthUrl } = describeTotpKey(key, user.email);
    return { secret, otpauthUrl, qrCodeSvg: renderSVG(otpauthUrl) };
  });

  app.post('/mfa/enable', {
    preHandler: requireAuthBeforeMfa,
    schema: {
      tags: ['auth'],
      summary: 'Turn MFA on by confirming a code for the pending key; ends every other session',
      description: 'The calling session stays signed in; every other session of the account ends (one opened by a password thief would otherwise outlive the fix).',
      security: SESSION_SECURITY,
      body: TotpCodeBody,
      response: { 200: Type.Object({ user: UserSchema }), ...errorResponses(400, 401, 403, 409, 429) },
    },
  }, async (request) => {
    const { em, user } = await loadCaller(request);
    if (user.mfaEnabled) throw ApiError.conflict('MFA is already on.');
    if (!user.mfaPendingSecret) throw ApiError.conflict('Call POST /auth/mfa/setup first.');
    await requireCode(request, em, user, user.mfaPendingSecret, 'auth.mfa.enable');
    user.mfaSecret = user.mfaPendingSecret;
    user.mfaPendingSecret = null;
    user.mfaEnabled = true;
    await em.flush();
    const ended = await invalidateOtherSessions(em, user.id, request.auth!.sessionId);
    await recordAccess(request, { action: 'auth.mfa.enable', outcome: 'success', statusCode: 200, details: { sessionsEnded: ended } });
    return { user: toUserDto(user) };
  });

  app.post('/mfa/verify', {
    preHandler: requirePendingMfa,
    schema: {
      tags: ['auth'],
      summary: 'Finish a sign-in with MFA: exchange the pending session and a code for a full session',
      description: 'Only a pending session (from `POST /auth/login` with `mfaRequired: true`) is accepted; it is ended and a new full session issued.',
      security: SESSION_SECURITY,
      body: TotpCodeBody,
      response: { 200: Type.Object({ token: Type.String(), user: UserSchema }), ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const { em, user } = await loadCaller(request);
    if (!user.mfaEnabled) throw ApiError.unauthenticated('MFA is not on for this account; sign in again.');
    await requireCode(request, em, user, user.mfaSecret, 'auth.mfa.verify');
    await invalidateSession(em, request.auth!.sessionId);
    const { token, session } = await createSession(em, user, { mfaVerified: true, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    await recordAccess(request, { action: 'auth.mfa.verify', outcome: 'success', statusCode: 200 });
    const { config } = request.server.ctx;
    setSessionCookie(reply, config, token, sessionExpiry(session, user.role, config.sessionTtlDays));
    return { token, user: toUserDto(user) };
  });

  app.post('/mfa/disable', {
    preHandler: requireAuth(),
    schema: {
      tags: ['auth'],
      summary: 'Turn MFA off (needs a current code)',
      security: SESSION_SECURITY,
      body: TotpCodeBody,
      response: { 200: Type.Object({ user: UserSchema }), ...errorResponses(400, 401, 403, 409, 429) },
    },
  }, async (request) => {
    const { em, user } = await loadCaller(request);
    if (!user.mfaEnabled) throw ApiError.conflict('MFA is not on.');
    await requireCode(request, em, user, user.mfaSecret, 'auth.mfa.disable');
    user.mfaEnabled = false;
    user.mfaSecret = null;
    user.mfaPendingSecret = null;
    // mfaLastStep is kept: re-enabling within the minute must not make an old code valid again.
    await em.flush();
    await recordAccess(request, { action: 'auth.mfa.disable', outcome: 'success', statusCode: 200 });
    return { user: toUserDto(user) };
  });
}
