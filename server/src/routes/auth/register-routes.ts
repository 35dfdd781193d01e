import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type } from 'typebox';
import { DataSource, User, UserProfile } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { hashPassword } from '../../auth/password.js';
import { normaliseEmail, passwordProblem, PASSWORD_MAX_LENGTH } from '../../auth/password-policy.js';
import { enforceRateLimit } from '../../rate-limit/enforce.js';
import { recordAccess } from '../../audit/access-log.js';
import { EmailField, toUserDto, UserSchema } from './user-schema.js';

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

/** `POST /auth/register`. */
export async function registerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/register', {
    schema: {
      tags: ['auth'],
      summary: 'Create an account (student, graduate or employer)',
      description: 'An employer also gets their own job source, which their posted jobs belong to. Rate-limited per IP and per email.',
      body: RegisterBody,
      response: { 201: Type.Object({ user: UserSchema }), ...errorResponses(400, 409, 429) },
    },
  }, async (request, reply) => {
    const { password, role, consent, companyName } = request.body;
    const email = normaliseEmail(request.body.email);
    await enforceRateLimit(request, 'register', email);
    const problem = passwordProblem(password, email);
    if (problem) throw ApiError.badRequest(problem, { field: 'password' });

    const em = request.server.ctx.orm.em.fork();
    if (await em.count(User, { email })) throw ApiError.conflict('An account with that email already exists.');
    const passwordHash = await hashPassword(password);
    const now = new Date();
    const user = await em.transactional(async (tx) => {
      const created = tx.create(User, { email, passwordHash, role, consentGiven: consent, consentDate: consent ? now : null, mfaEnabled: false });
      tx.create(UserProfile, { user: created });
      if (role === 'employer') {
        const name = await freeSourceName(tx, companyName ?? email.slice(email.indexOf('@') + 1));
        tx.create(DataSource, { name, sourceType: 'employer', employerUser: created, contactEmail: email, pluginConfig: {}, crawlState: {} });
      }
      return created;
    });
    await recordAccess(request, { action: 'auth.register', resource: `user:${user.id}`, outcome: 'success', statusCode: 201, user, details: { role, consent } });
    return reply.status(201).send({ user: toUserDto(user) });
  });
}
