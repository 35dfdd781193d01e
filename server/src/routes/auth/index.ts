import type { FastifyInstance } from 'fastify';
import { registerRoutes } from './register-routes.js';
import { loginRoutes } from './login-routes.js';
import { mfaRoutes } from './mfa-routes.js';
import { passwordRoutes } from './password-routes.js';
import { verifyEmailRoutes } from './verify-email-routes.js';

/**
 * Everything under `/api/v1/auth`. Registered on the root (not encapsulated) so it can declare
 * `request.auth` for every route of the app: the guards fill it, other routes read null.
 */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.decorateRequest('auth', null);
  await app.register(async (auth) => {
    await auth.register(registerRoutes);
    await auth.register(loginRoutes);
    await auth.register(mfaRoutes);
    await auth.register(passwordRoutes);
    await auth.register(verifyEmailRoutes);
  }, { prefix: '/api/v1/auth' });
}
// Fastify's "skip-override" (what fastify-plugin sets): run in the parent's scope, not a child's.
(authRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
