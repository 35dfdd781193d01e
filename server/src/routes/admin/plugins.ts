import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { assertCron, CoreError, DEFAULT_TIMEZONE, nextCronTime, type Scheduler } from '@pathfinder/core';
import { needsScheduler } from './needs-scheduler.js';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { errorResponses } from '../../schemas/common.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { auditFailedWrites } from './audit-failures.js';
import { AdminPlugin, PatchPluginBody, PluginParams, RunAccepted, SchedulePreview, SchedulePreviewQuery, toAdminPlugin, upcomingRuns } from './plugins-schemas.js';

/** The process's scheduler (the `needsScheduler` pre-handler made sure there is one). */
const schedulerOf = (request: FastifyRequest): Scheduler => request.server.ctx.services.scheduler!;

/** 503 where no scheduler runs (every `start`/`serve`/`worker` process has one), after the auth checks. */
const needsPluginScheduler = needsScheduler('This server runs no scheduler, so plugins cannot be managed here.');

async function inFlightOf(scheduler: Scheduler, sourceId: string) {
  return scheduler.isStarted ? scheduler.crawlInFlight(sourceId) : undefined;
}

/**
 * `/admin/plugins`: the source plugins at runtime — enable/disable (schedules follow at once), a
 * cron override, settings, lifting a pause, and "run now". Admins write (each write in the access
 * log); superusers read.
 */
export async function adminPluginRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  auditFailedWrites(app);

  app.get('/admin/plugins', {
    preHandler: [requireAuth('admin', 'superuser'), needsPluginScheduler],
    schema: {
      tags: ['admin'],
      summary: 'List source plugins',
      description: 'Every loaded plugin with its settings, schedule, next and last run, and pause.',
      security: SESSION_SECURITY,
      response: { 200: Type.Object({ items: Type.Array(AdminPlugin) }), ...errorResponses(401, 403, 503) },
    },
  }, async (request) => {
    const scheduler = schedulerOf(request);
    const plugins = await scheduler.listPlugins();
    const items = [];
    for (const p of plugins) items.push(toAdminPlugin(p, await inFlightOf(scheduler, p.sourceId)));
    return { items };
  });

  app.get('/admin/schedule-preview', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'Check a cron schedule',
      description: 'Checks a schedule override before it is saved (the same check `PATCH /admin/plugins/{id}` makes) and gives the '
        + 'next three times it would fire. 400 `PF_ERR_VALIDATION` naming the problem when it cannot be a schedule.',
      security: SESSION_SECURITY,
      querystring: SchedulePreviewQuery,
      response: { 200: SchedulePreview, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { schedule } = request.query;
    const timezone = DEFAULT_TIMEZONE;
    assertCron(schedule, timezone);
    const first = nextCronTime(schedule, new Date(), timezone)!;
    return { schedule, timezone, nextRuns: upcomingRuns(schedule, first, timezone, 3) };
  });

  app.get('/admin/plugins/:id', {
    preHandler: [requireAuth('admin', 'superuser'), needsPluginScheduler],
    schema: {
      tags: ['admin'],
      summary: 'One source plugin',
      security: SESSION_SECURITY,
      params: PluginParams,
      response: { 200: AdminPlugin, ...errorResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => {
    const scheduler = schedulerOf(request);
    const plugin = scheduler.registry.get(request.params.id);
    if (!plugin) throw new CoreError('PF_ERR_PLUGIN_NOT_FOUND', `No plugin "${request.params.id}" is loaded`, { statusCode: 404 });
    const [status] = await scheduler.listPlugins(new Date(), [plugin.id]);
    return toAdminPlugin(status!, await inFlightOf(scheduler, status!.sourceId));
  });

  app.patch('/admin/plugins/:id', {
    preHandler: [requireAuth('admin'), needsPluginScheduler],
    config: { auditAction: 'admin.plugin.update' },
    schema: {
      tags: ['admin'],
      summary: 'Change a source plugin',
      description: 'Any of `enabled`, `schedule` (cron override, null to clear), `config` (replaces the settings) and `paused` '
        + '(false lifts a pause). Everything is validated before anything changes. Disabling cancels a queued run and stops a '
        + 'running crawl at its next request; enabling lifts an automatic pause.',
      security: SESSION_SECURITY,
      params: PluginParams,
      body: PatchPluginBody,
      response: { 200: AdminPlugin, ...errorResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => {
    const scheduler = schedulerOf(request);
    const { enabled, schedule, config, paused } = request.body;
    const status = await scheduler.updatePlugin(request.params.id, { enabled, schedule, config, paused });
    await recordAccess(request, {
      action: 'admin.plugin.update', resource: `plugin:${status.id}`, outcome: 'success', statusCode: 200,
      details: { changed: Object.keys(request.body), enabled, schedule, paused, ...(config ? { configKeys: Object.keys(config) } : {}) },
    });
    return toAdminPlugin(status, await inFlightOf(scheduler, status.sourceId));
  });

  app.post('/admin/plugins/:id/run', {
    preHandler: [requireAuth('admin'), needsPluginScheduler],
    config: { auditAction: 'admin.plugin.run' },
    schema: {
      tags: ['admin'],
      summary: 'Run a source plugin now',
      description: 'Queues a crawl for a worker and answers at once with its run id (watch it in `/admin/scrape-logs`). '
        + '409 when the plugin is disabled or a crawl of it is already queued (`PF_ERR_CRAWL_QUEUED`) or running (`PF_ERR_CRAWL_RUNNING`).',
      security: SESSION_SECURITY,
      params: PluginParams,
      response: { 202: RunAccepted, ...errorResponses(400, 401, 403, 404, 409, 503) },
    },
  }, async (request, reply) => {
    const scheduler = schedulerOf(request);
    const { runId } = await scheduler.enqueueCrawl(request.params.id, 'manual');
    await recordAccess(request, { action: 'admin.plugin.run', resource: `plugin:${request.params.id}`, outcome: 'success', statusCode: 202, details: { runId } });
    return reply.status(202).send({ runId });
  });
}
