import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';
import { jobRoutes } from './jobs/index.js';

/** Every route module, in one place. API routes live under /api/v1. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(jobRoutes, { prefix: '/api/v1' });
}
