import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { DataSource, newId, User, UserProfile, type IUser } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { hashPassword } from '../../auth/password.js';
import { normaliseEmail, passwordProblem, PASSWORD_MAX_LENGTH } from '../../auth/password-policy.js';
import { enforceRateLimit } from '../../rate-limit/enforce.js';
import { recordAccess } from '../../audit/access-log.js';
import { sendAlreadyRegisteredMail, sendVerificationMail } from '../../mail/registration-mail.js';
import { EmailField, toUserDto, UserSchema, type UserDto } from './user-schema.js';

const RegisterBody = Type.Object({
  email: EmailField,
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, description: 'At least 12 characters, not a well-known password.' }),
  role: Type.Enum(['student', 'graduate', 'employer'], { description: 'Admin and superuser accounts cannot be self-registered.' }),
  consent: Type.Boolean({ description: 'Agreement to receive job alert emails (CASL); can be withdrawn later.' }),
  companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 150, description: 'Employers: the name of their job source (default: the email domain).' })),
});

/** A source name not yet taken: `Acme`, else `Acme (2)`, `Acme (3)`… */
async function freeSourceName(em: EntityManager, wanted: string): Promise<string> {
  const base = wanted.trim().slice(0, 150) || 'Employer';
  const taken = new Set((await em.find(DataSource, { name: { $like: `${base.replace(/[\\%_]/g, '\\$&')}%` } }, { fields: ['name'] })).map((s) => s.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** A concurrent registration of the same address won the race. */
const isEmailTaken = (error: unknown): boolean =>
  (error as { constructor?: { name?: string } })?.constructor?.name === 'UniqueConstraintViolationException'
  && String((error as Error).message).includes('users_email_unique');

/**
 * What a new account's answer would look like, for an address that already has one: the same
 * status and shape, so the answer does not tell whether an address is registered. Nothing is
 * stored; the id is fresh and leads nowhere.
 */
function lookalikeUser(email: string, role: UserDto['role'], consent: boolean, now: Date): UserDto {
  const at = now.toISOString();
  return {
    id: newId(), email, role, mfaEnabled: false, emailVerified: false, emailVerifiedAt: null,
    consentGiven: consent, consentDate: consent ? at : null, consentWithdrawn: null, createdAt: at,
  };
}

/** Runs a mail after the answer (its time must not show in the answer's); failures are logged. */
function mailLater(request: Parameters<typeof recordAccess>[0], what: string, send: () => Promise<void>): void {
  send().catch((error: unknown) => request.log.error({ err: error }, `could not send the ${what} email`));
}

/** `POST /auth/register`. */
export async function registerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/register', {
    schema: {
      tags: ['auth'],
      summary: 'Create an account (student, graduate or employer)',
      description: 'An employer also gets their own job source, which their posted jobs belong to. A link to confirm the address is mailed (see `POST /auth/verify-email`); no alert is mailed before it is opened. An address that already has an account gets the very same answer (201, same shape; nothing is created) and its owner is told by email, so the answer does not reveal who has an account. Rate-limited per IP and per email.',
      body: RegisterBody,
      response: { 201: Type.Object({ user: UserSchema }), ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const { password, role, consent, companyName } = request.body;
    const email = normaliseEmail(request.body.email);
    await enforceRateLimit(request, 'register', email);
    const problem = passwordProblem(password, email);
    if (problem) throw ApiError.badRequest(problem, { field: 'password' });

    const em = request.server.ctx.orm.em.fork();
    // Hashed whether or not the address is known: the slow step costs both answers the same time.
    const passwordHash = await hashPassword(password);
    const now = new Date();
    let user: IUser | null = null;
    if ((await em.count(User, { email })) === 0) {
      try {
        user = await em.transactional(async (tx) => {
          const created = tx.create(User, { email, passwordHash, role, consentGiven: consent, consentDate: consent ? now : null, mfaEnabled: false });
          tx.create(UserProfile, { user: created });
          if (role === 'employer') {
            const name = await freeSourceName(tx, companyName ?? email.slice(email.indexOf('@') + 1));
            tx.create(DataSource, { name, sourceType: 'employer', employerUser: created, contactEmail: email, pluginConfig: {}, crawlState: {} });
          }
          return created;
        });
      } catch (error) {
        if (!isEmailTaken(error)) throw error;
      }
    }
    const { ctx } = request.server;
    if (!user) {
      mailLater(request, 'already-registered', () => sendAlreadyRegisteredMail(ctx, email));
      await recordAccess(request, { action: 'auth.register', outcome: 'failure', statusCode: 201, user: null, details: { role, reason: 'known-email' } });
      return reply.status(201).send({ user: lookalikeUser(email, role, consent, now) });
    }
    const created = user;
    mailLater(request, 'address confirmation', () => sendVerificationMail(ctx, created));
    await recordAccess(request, { action: 'auth.register', resource: `user:${user.id}`, outcome: 'success', statusCode: 201, user, details: { role, consent } });
    return reply.status(201).send({ user: toUserDto(user) });
  });
}
