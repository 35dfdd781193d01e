import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ALERTS_DIGEST_QUEUE, previewAlertEmail, sendDigests, type AlertRunSummary } from '@pathfinder/core';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses } from '../../schemas/common.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { closeOwnMailer, mailerOf } from '../alerts/alert-services.js';
import { auditFailedWrites } from './audit-failures.js';

const FREQUENCIES = ['daily', 'weekly'] as const;

const DigestsAccepted = Type.Object({
  mode: Type.Union([Type.Literal('queued'), Type.Literal('direct')], {
    description: '`queued`: on the scheduler\'s digest queue, for a worker; `direct`: running in this process (no scheduler here).',
  }),
  frequencies: Type.Array(Type.Union([Type.Literal('daily'), Type.Literal('weekly')])),
  jobIds: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Null()]))),
}, { title: 'DigestsAccepted' });

const PreviewQuery = Type.Object({
  alertId: Type.String({ minLength: 1, maxLength: 64 }),
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('text')], { default: 'html', description: 'The HTML part (default) or the text part.' })),
});

/**
 * `POST /admin/alerts/send-digests` (202: the daily and weekly digests, now) and
 * `GET /admin/alerts/preview?alertId=` (an alert's next email, rendered, sent nowhere).
 */
export async function adminAlertRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  auditFailedWrites(app);
  closeOwnMailer(app);
  const tags = ['admin'];
  const { config, orm } = app.ctx;

  // Direct runs outlive their request: the app waits for them before it closes (the ORM with it).
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  app.post('/admin/alerts/send-digests', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.alerts.send-digests' },
    schema: {
      tags,
      summary: 'Send the daily and weekly digests now',
      description: 'Each active daily/weekly alert of a consenting user gets its new matches now, whatever the time (jobs already sent are never sent again). '
        + 'Queued for a worker when this process runs the scheduler, else run here in the background.',
      security: SESSION_SECURITY,
      response: { 202: DigestsAccepted, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const scheduler = app.ctx.services.scheduler;
    if (scheduler) {
      try {
        const jobIds = await Promise.all(FREQUENCIES.map((frequency) => scheduler.send(ALERTS_DIGEST_QUEUE, { frequency, force: true })));
        await recordAccess(request, { action: 'admin.alerts.send-digests', outcome: 'success', statusCode: 202, details: { mode: 'queued', jobIds } });
        return reply.status(202).send({ mode: 'queued', frequencies: [...FREQUENCIES], jobIds });
      } catch (error) {
        // A scheduler that is not running (stopped, or failed to start): send from here instead.
        request.log.warn({ err: error }, 'digest queue unavailable; sending the digests directly');
      }
    }
    const mailer = mailerOf(app);
    const log = (line: string) => request.log.warn(line);
    const run = (async () => {
      const summaries: Record<string, AlertRunSummary> = {};
      for (const frequency of FREQUENCIES) summaries[frequency] = await sendDigests(orm, mailer, frequency, new Date(), { config, log, force: true });
      app.log.info({ summaries }, 'digests sent on an admin request');
    })().catch((error: unknown) => app.log.error({ err: error }, 'digests requested by an admin failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
    await recordAccess(request, { action: 'admin.alerts.send-digests', outcome: 'success', statusCode: 202, details: { mode: 'direct' } });
    return reply.status(202).send({ mode: 'direct', frequencies: [...FREQUENCIES] });
  });

  app.get('/admin/alerts/preview', {
    preHandler: requireAuth('admin'),
    schema: {
      tags,
      summary: 'Preview an alert email',
      description: 'The email the alert would send next (its pending matches), or, when nothing is waiting, one with a sample of recent matching jobs '
        + '(header `X-Preview-Jobs`: `next` or `sample`). Renders only: nothing is sent or recorded.',
      security: SESSION_SECURITY,
      querystring: PreviewQuery,
      produces: ['text/html', 'text/plain'],
      response: {
        200: { description: 'The rendered email', content: { 'text/html': { schema: Type.String() }, 'text/plain': { schema: Type.String() } } },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (request, reply) => {
    const preview = await previewAlertEmail(orm, request.query.alertId, { config });
    if (!preview) throw ApiError.notFound('No alert with that id.');
    const text = request.query.format === 'text';
    return reply
      .status(200)
      .headers({
        'content-type': text ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-preview-jobs': `${preview.source}; count=${preview.jobs}`,
        // The email is ours and escaped; still, an admin's browser runs nothing from it.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none'; frame-ancestors 'none'",
      })
      .send(text ? preview.text : preview.html);
  });
}
