import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { User } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { requireAuth } from '../../auth/guards.js';
import { emailTokenUserId, emailTokenValid } from '../../auth/email-verification.js';
import { sendVerificationMail } from '../../mail/registration-mail.js';
import { enforceRateLimit } from '../../rate-limit/enforce.js';
import { recordAccess } from '../../audit/access-log.js';
import { DateTime, SESSION_SECURITY } from './user-schema.js';

const invalidToken = () => new ApiError(400, 'PF_ERR_TOKEN_INVALID', 'The confirmation link is invalid or expired; ask for a new one from your account.', { field: 'token' });

/** `POST /auth/verify-email`, `POST /auth/verify-email/resend`. */
export async function verifyEmailRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/verify-email', {
    schema: {
      tags: ['auth'],
      summary: 'Confirm the email address with the token of the mailed link',
      description: 'No session needed (the link may be opened on another device). The token is signed by the server for one account and address and works for 48 hours; opening it again later changes nothing. Alerts are mailed only once the address is confirmed. 400 `PF_ERR_TOKEN_INVALID` for a forged, expired or unknown token.',
      body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The `token` query parameter of the mailed link.' }) }),
      response: {
        200: Type.Object({ email: Type.String(), emailVerified: Type.Literal(true), emailVerifiedAt: DateTime }),
        ...errorResponses(400, 429),
      },
    },
  }, async (request) => {
    await enforceRateLimit(request, 'verify-email');
    const token = request.body.token.trim();
    const userId = emailTokenUserId(token);
    const em = request.server.ctx.orm.em.fork();
    const user = userId ? await em.findOne(User, { id: userId }) : null;
    if (!user || !(await emailTokenValid(request.server.ctx.config, token, user))) throw invalidToken();
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = new Date();
      await em.flush();
      await recordAccess(request, { action: 'auth.email.verify', resource: `user:${user.id}`, outcome: 'success', statusCode: 200, user });
    }
    return { email: user.email, emailVerified: true as const, emailVerifiedAt: user.emailVerifiedAt.toISOString() };
  });

  app.post('/verify-email/resend', {
    preHandler: requireAuth(),
    schema: {
      tags: ['auth'],
      summary: 'Mail a new confirmation link to my address',
      description: '202 once the mail is on its way; 409 when the address is already confirmed. Rate-limited per IP and per account (3 an hour).',
      security: SESSION_SECURITY,
      response: { 202: Type.Object({ accepted: Type.Boolean() }), ...errorResponses(401, 403, 409, 429) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const user = await em.findOne(User, { id: request.auth!.user.id });
    if (!user) throw ApiError.unauthenticated();
    if (user.emailVerifiedAt) throw ApiError.conflict('The address is already confirmed.');
    await enforceRateLimit(request, 'verify-email', user.id);
    await sendVerificationMail(request.server.ctx, user);
    await recordAccess(request, { action: 'auth.email.resend', resource: `user:${user.id}`, outcome: 'success', statusCode: 202 });
    return reply.status(202).send({ accepted: true });
  });
}
