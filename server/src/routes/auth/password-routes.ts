import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { User, type IUser } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { normaliseEmail, passwordProblem, PASSWORD_MAX_LENGTH } from '../../auth/password-policy.js';
import { consumeResetToken, findResetTokenUser, issueResetToken } from '../../auth/password-reset.js';
import { invalidateOtherSessions, invalidateUserSessions } from '../../auth/sessions.js';
import { requireAuth } from '../../auth/guards.js';
import { sendAccountMail } from '../../mail/account-mail.js';
import { enforceRateLimit } from '../../rate-limit/enforce.js';
import { clearAllPasswordAttempts, clearPasswordAttempts, takePasswordAttempt } from '../../rate-limit/login-backoff.js';
import { recordAccess } from '../../audit/access-log.js';
import { EmailField, SESSION_SECURITY } from './user-schema.js';

const NewPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, description: 'At least 12 characters, not a well-known password.' });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Issues a token and emails the link; runs after the response so timing does not reveal accounts. */
async function sendResetMail(request: FastifyRequest, user: IUser): Promise<void> {
  const { ctx } = request.server;
  const token = await issueResetToken(ctx.orm.em.fork(), user);
  const link = `${ctx.config.publicUrl}/reset-password?token=${token}`;
  await sendAccountMail(ctx, {
    to: user.email,
    subject: 'Reset your Pathfinder password',
    text: `Someone (hopefully you) asked to reset the password of your Pathfinder account.\n\nOpen this link within one hour to choose a new password:\n${link}\n\nReset token: ${token}\n\nIf you did not ask for this, ignore this email; your password stays the same.\n`,
    html: `<p>Someone (hopefully you) asked to reset the password of your Pathfinder account.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, within one hour).</p><p>Reset token: <code>${token}</code></p><p>If you did not ask for this, ignore this email; your password stays the same.</p>`,
  });
}

/** `POST /auth/password/forgot|reset|change`. */
export async function passwordRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/password/forgot', {
    schema: {
      tags: ['auth'],
      summary: 'Email a password reset link',
      description: 'Always 202, whether or not the email has an account. The link carries a single-use token valid one hour. Rate-limited per IP and per email.',
      body: Type.Object({ email: EmailField }),
      response: { 202: Type.Object({ accepted: Type.Boolean() }), ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const email = normaliseEmail(request.body.email);
    await enforceRateLimit(request, 'forgot', email);
    const user = await request.server.ctx.orm.em.fork().findOne(User, { email });
    if (user) {
      // Not awaited: the answer must not be slower for real accounts than for unknown emails.
      sendResetMail(request, user).then(
        () => recordAccess(request, { action: 'auth.password.forgot', outcome: 'success', user }),
        (error: unknown) => request.log.error({ err: error }, 'could not send the password reset email'),
      );
    }
    return reply.status(202).send({ accepted: true });
  });

  app.post('/password/reset', {
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with the emailed token; ends every session of the account',
      body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: NewPassword }),
      response: { 204: Type.Null(), ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    await enforceRateLimit(request, 'reset');
    const problem = passwordProblem(request.body.password);
    if (problem) throw ApiError.badRequest(problem, { field: 'password' });
    const em = request.server.ctx.orm.em.fork();
    const token = request.body.token.trim();
    const invalidToken = () => ApiError.badRequest('The reset link is invalid, expired or already used; ask for a new one.', { field: 'token' });
    // Look first, consume last: a refused password must leave the emailed link usable.
    const candidate = await findResetTokenUser(em, token);
    const user = candidate ? await em.findOne(User, { id: candidate }) : null;
    if (!user) throw invalidToken();
    const emailProblem = passwordProblem(request.body.password, user.email);
    if (emailProblem) throw ApiError.badRequest(emailProblem, { field: 'password' });
    // The conditional UPDATE is what makes the token single-use under concurrency.
    if ((await consumeResetToken(em, token)) !== user.id) throw invalidToken();
    user.passwordHash = await hashPassword(request.body.password);
    await em.flush();
    const ended = await invalidateUserSessions(em, user.id);
    await clearAllPasswordAttempts(em, user.email);
    await recordAccess(request, { action: 'auth.password.reset', outcome: 'success', statusCode: 204, user, details: { sessionsEnded: ended } });
    return reply.status(204).send(null);
  });

  app.post('/password/change', {
    preHandler: requireAuth(),
    schema: {
      tags: ['auth'],
      summary: 'Change the password (needs the current one); ends every other session',
      security: SESSION_SECURITY,
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }), newPassword: NewPassword }),
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const user = await em.findOne(User, { id: request.auth!.user.id });
    if (!user) throw ApiError.unauthenticated();
    await enforceRateLimit(request, 'login');
    await takePasswordAttempt(request, user.email);
    if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
      await recordAccess(request, { action: 'auth.password.change', outcome: 'failure', statusCode: 400 });
      throw ApiError.badRequest('The current password is incorrect.', { field: 'currentPassword' });
    }
    await clearPasswordAttempts(request, user.email);
    const problem = passwordProblem(request.body.newPassword, user.email);
    if (problem) throw ApiError.badRequest(problem, { field: 'newPassword' });
    user.passwordHash = await hashPassword(request.body.newPassword);
    await em.flush();
    const ended = await invalidateOtherSessions(em, user.id, request.auth!.sessionId);
    await recordAccess(request, { action: 'auth.password.change', outcome: 'success', statusCode: 204, details: { sessionsEnded: ended } });
    return reply.status(204).send(null);
  });
}
