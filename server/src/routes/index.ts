import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';
import { usersRoutes } from './users/index.js';
import { authRoutes } from './auth/index.js';
import { jobRoutes } from './jobs/index.js';
import { employerRoutes } from './employers/index.js';
import { adminRoutes } from './admin/index.js';
import { analyticsRoutes } from './analytics/index.js';
import { adminPluginRoutes } from './admin/plugins.js';
import { adminScrapeLogRoutes } from './admin/scrape-logs.js';
import { alertPublicRoutes } from './alerts/index.js';
import { adminAlertRoutes } from './admin/alerts.js';

/** Every route module, in one place. API routes live under /api/v1. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes); // adds its own /api/v1/auth prefix (it also declares request.auth app-wide)
  await app.register(usersRoutes, { prefix: '/api/v1/users' });
  await app.register(jobRoutes, { prefix: '/api/v1' });
  await app.register(employerRoutes, { prefix: '/api/v1' });
  await app.register(adminRoutes, { prefix: '/api/v1' });
  await app.register(analyticsRoutes, { prefix: '/api/v1' });
  await app.register(adminPluginRoutes, { prefix: '/api/v1' });
  await app.register(adminScrapeLogRoutes, { prefix: '/api/v1' });
  await app.register(alertPublicRoutes, { prefix: '/api/v1' });
  await app.register(adminAlertRoutes, { prefix: '/api/v1' });
}
