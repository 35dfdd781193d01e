import type { FastifyInstance } from 'fastify';
import { unsubscribeRoutes } from './unsubscribe-routes.js';

/** Public alert routes (no login): `/alerts/unsubscribe`. */
export async function alertPublicRoutes(app: FastifyInstance): Promise<void> {
  await app.register(unsubscribeRoutes);
}
