import type { FastifyInstance } from 'fastify';
import { auditFailedWrites } from './audit-failures.js';
import { adminSourceRoutes } from './sources.js';
import { adminReferenceRoutes } from './reference.js';
import { adminLinkReportRoutes } from './link-report.js';
import { adminUserRoutes } from './users.js';
import { adminAccessLogRoutes } from './access-logs.js';
import { adminClusterRoutes } from './clusters.js';

/** Everything under `/admin`: admins write (each write in the access log), superusers read. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  auditFailedWrites(app);
  await app.register(adminSourceRoutes);
  await app.register(adminReferenceRoutes);
  await app.register(adminLinkReportRoutes);
  await app.register(adminUserRoutes);
  await app.register(adminAccessLogRoutes);
  await app.register(adminClusterRoutes);
}
