import type { FastifyInstance } from 'fastify';
import { meRoutes } from './me-routes.js';
import { exportRoutes } from './export-routes.js';
import { savedJobsRoutes } from './saved-jobs-routes.js';
import { alertRoutes } from './alert-routes.js';

/** Everything under `/users` (registered with the `/api/v1/users` prefix). All need a full session. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  await app.register(meRoutes);
  await app.register(exportRoutes);
  await app.register(savedJobsRoutes);
  await app.register(alertRoutes);
}
