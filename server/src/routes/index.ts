import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';

/** Every route module, in one place. API routes live under /api/v1. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
}
