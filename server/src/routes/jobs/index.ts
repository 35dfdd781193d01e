import type { FastifyInstance } from 'fastify';
import { jobSearchRoutes } from './search-routes.js';
import { jobReadRoutes } from './read-routes.js';
import { jobApplyRoutes } from './apply-routes.js';
import { jobWriteRoutes } from './write-routes.js';
import { jobRestoreRoutes } from './restore-route.js';

/** Everything under `/jobs`. */
export async function jobRoutes(app: FastifyInstance): Promise<void> {
  await app.register(jobSearchRoutes);
  await app.register(jobReadRoutes);
  await app.register(jobApplyRoutes);
  await app.register(jobWriteRoutes);
  await app.register(jobRestoreRoutes);
}
