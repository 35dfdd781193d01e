import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { User } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { normaliseEmail, PASSWORD_MAX_LENGTH } from '../../auth/password-policy.js';
import { createSession, invalidateSession, invalidateUserSessions } from '../../auth/sessions.js';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import { needsMfaSetup, sessionExpiry } from '../../auth/session-policy.js';
import { optionalAuth, requireAnySession, requireAuthBeforeMfa } from '../../auth/guards.js';
import { OPTIONAL_SESSION_SECURITY } from '../jobs/security.js';
import { enforceRateLimit } from '../../rate-limit/enforce.js';
import { clearPasswordAttempts, takePasswordAttempt } from '../../rate-limit/login-backoff.js';
import { recordAccess } from '../../audit/access-log.js';
import { EmailField, SESSION_SECURITY, toUserDto, UserSchema } from './user-schema.js';

const LoginBody = Type.Object({
  email: EmailField,
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
});

const LoginResponse = Type.Object({
  token: Type.String({ description: 'The session token `<id>.<secret>`; send it as `Authorization: Bearer <token>`. Also set as the `pf_session` cookie.' }),
  user: UserSchema,
  mfaRequired: Type.Boolean({ description: 'True: the token is a pending session (valid 10 minutes) that only `POST /auth/mfa/verify` accepts.' }),
  mfaSetupRequired: Type.Boolean({ description: 'True: an admin or superuser without MFA. Every route but MFA setup (`POST /auth/mfa/setup`, `/auth/mfa/enable`), `GET /users/me` and sign-out answers 403 `PF_ERR_MFA_REQUIRED` until MFA is on.' }),
});

const BAD_CREDENTIALS = 'Email or password is incorrect.';

// A real argon2id hash of a random password: checked when the email is unknown, so both answers
// cost the same time and response timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

/** `POST /auth/login`, `GET /auth/session`, `POST /auth/logout`, `POST /auth/logout-all`. */
export async function loginRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password',
      description: 'With MFA on, the token is a pending session: send the TOTP code to `POST /auth/mfa/verify` to get a full one. An admin or superuser without MFA gets `mfaSetupRequired: true` and must set MFA up first. Rate-limited per IP, and slowed per email and client address: after 5 wrong passwords each further try from that address waits twice as long (429 with Retry-After), while the owner\'s other addresses are unaffected.',
      body: LoginBody,
      response: { 200: LoginResponse, ...errorResponses(400, 401, 429) },
    },
  }, async (request, reply) => {
    const email = normaliseEmail(request.body.email);
    await enforceRateLimit(request, 'login');
    await takePasswordAttempt(request, email);
    const em = request.server.ctx.orm.em.fork();
    const user = await em.findOne(User, { email });
    const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), request.body.password);
    if (!user || !ok) {
      await recordAccess(request, { action: 'auth.login', outcome: 'failure', statusCode: 401, user: user ?? null, details: { reason: user ? 'bad-password' : 'unknown-email' } });
      throw new ApiError(401, 'PF_ERR_UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    const mfaRequired = user.mfaEnabled;
    const mfaSetupRequired = needsMfaSetup(user);
    const { token, session } = await createSession(em, user, { mfaVerified: !mfaRequired, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    await clearPasswordAttempts(request, email);
    await recordAccess(request, { action: 'auth.login', outcome: 'success', statusCode: 200, user, details: { mfaRequired, mfaSetupRequired } });
    const { config } = request.server.ctx;
    setSessionCookie(reply, config, token, sessionExpiry(session, user.role, config.sessionTtlDays));
    return { token, user: toUserDto(user), mfaRequired, mfaSetupRequired };
  });

  app.get('/session', {
    preHandler: optionalAuth,
    schema: {
      tags: ['auth'],
      summary: 'Who is signed in (anyone may ask)',
      description: 'The signed-in user, or `null`: a 200 either way, so a page can ask on every load without a 401 in its console. A pending (MFA not yet verified) session counts as signed out.',
      security: OPTIONAL_SESSION_SECURITY,
      response: { 200: Type.Object({ user: Type.Union([UserSchema, Type.Null()]) }) },
    },
  }, async (request, reply) => {
    // Per caller: never cached by a shared cache.
    void reply.header('cache-control', 'private, no-store');
    return { user: request.auth ? toUserDto(request.auth.user) : null };
  });

  app.post('/logout', {
    preHandler: requireAnySession,
    schema: {
      tags: ['auth'],
      summary: 'End this session',
      description: 'Accepts a pending (MFA not yet verified) session too. Clears the cookie.',
      security: SESSION_SECURITY,
      response: { 204: Type.Null(), ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    await invalidateSession(request.server.ctx.orm.em.fork(), request.auth!.sessionId);
    await recordAccess(request, { action: 'auth.logout', outcome: 'success', statusCode: 204 });
    clearSessionCookie(reply, request.server.ctx.config);
    return reply.status(204).send(null);
  });

  app.post('/logout-all', {
    preHandler: requireAuthBeforeMfa,
    schema: {
      tags: ['auth'],
      summary: 'End every session of this account (all devices)',
      security: SESSION_SECURITY,
      response: { 200: Type.Object({ ended: Type.Integer({ description: 'How many sessions were ended.' }) }), ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const ended = await invalidateUserSessions(request.server.ctx.orm.em.fork(), request.auth!.user.id);
    await recordAccess(request, { action: 'auth.logout-all', outcome: 'success', statusCode: 200, details: { ended } });
    clearSessionCookie(reply, request.server.ctx.config);
    return { ended };
  });
}
