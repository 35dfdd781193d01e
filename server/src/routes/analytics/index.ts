import type { FastifyInstance } from 'fastify';
import { analyticsClickRoutes } from './clicks.js';
import { analyticsReportRoutes } from './reports.js';

/** Click tracking (anyone) and engagement reports (superusers, admins). */
export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(analyticsClickRoutes);
  await app.register(analyticsReportRoutes);
}
