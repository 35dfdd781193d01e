import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccessLog, JobAlert, Session } from '@pathfinder/core';
import { errorResponses } from '../../schemas/common.js';
import { requireAuth } from '../../auth/guards.js';
import { recordAccess } from '../../audit/access-log.js';
import { SESSION_SECURITY } from '../auth/user-schema.js';
import { MeSchema, toMeDto } from './me-schema.js';
import { loadMe } from './me-routes.js';
import { AlertSchema, toAlertDto } from './alert-schema.js';
import { SAVED_JOBS_SQL, SavedJobSchema, toSavedJobDto, type SavedJobRow } from './saved-job-schema.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** Rows of the sign-in/activity log included (newest first). */
const ACTIVITY_LIMIT = 1000;
const CLICK_LIMIT = 5000;

const ExportSchema = Type.Object({
  exportedAt: DateTime,
  account: MeSchema,
  savedJobs: Type.Array(SavedJobSchema),
  alerts: Type.Array(AlertSchema),
  consentHistory: Type.Array(Type.Object({ given: Type.Boolean(), at: DateTime, via: Type.String({ description: '`registration` or `consent` (POST /users/me/consent).' }) })),
  sessions: Type.Array(Type.Object({
    createdAt: DateTime,
    lastVerifiedAt: DateTime,
    mfaVerified: Type.Boolean(),
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    current: Type.Boolean(),
  })),
  activity: Type.Array(Type.Object({
    at: DateTime,
    action: Type.String(),
    resource: Nullable(Type.String()),
    outcome: Type.String(),
    ip: Nullable(Type.String()),
  }), { description: `The most recent ${ACTIVITY_LIMIT} entries of the access log about this account (sign-ins, changes).` }),
  jobClicks: Type.Array(Type.Object({ jobId: Type.String(), at: DateTime, via: Type.String() }), { description: `The most recent ${CLICK_LIMIT} apply clicks.` }),
});

/** `GET /users/me/export`: every piece of personal data held about the caller, as one JSON document. */
export async function exportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/me/export', {
    preHandler: requireAuth(),
    schema: {
      tags: ['users'],
      summary: 'Export all my personal data (JSON)',
      description: 'Account, profile, saved jobs, alerts, consent history, sessions (without tokens), recent activity and apply clicks. Sent as an attachment.',
      security: SESSION_SECURITY,
      response: { 200: ExportSchema, ...errorResponses(401) },
    },
  }, async (request, reply) => {
    const em = request.server.ctx.orm.em.fork();
    const conn = em.getConnection();
    const { user, profile } = await loadMe(request, em);
    const [savedJobs, alerts, sessions, logs, clicks] = await Promise.all([
      conn.execute<SavedJobRow[]>(`${SAVED_JOBS_SQL} where s.user_id = ? order by s.created_at desc, s.id desc`, [user.id]),
      em.fork().find(JobAlert, { user: user.id }, { orderBy: { createdAt: 'asc' } }),
      em.fork().find(Session, { user: user.id }, { orderBy: { createdAt: 'asc' } }),
      em.fork().find(AccessLog, { user: user.id }, { orderBy: { at: 'desc' }, limit: ACTIVITY_LIMIT }),
      conn.execute<{ job_id: string; at: Date; via: string }[]>('select job_id, at, via from job_clicks where user_id = ? order by at desc limit ?', [user.id, CLICK_LIMIT]),
    ]);
    const consentHistory = logs
      .filter((l) => (l.action === 'auth.register' && typeof l.details?.consent === 'boolean') || (l.action === 'user.consent' && typeof l.details?.given === 'boolean'))
      .map((l) => ({ given: Boolean(l.action === 'auth.register' ? l.details.consent : l.details.given), at: l.at.toISOString(), via: l.action === 'auth.register' ? 'registration' : 'consent' }))
      .reverse();
    await recordAccess(request, { action: 'user.export', resource: `user:${user.id}`, outcome: 'success', statusCode: 200 });
    void reply.header('content-disposition', 'attachment; filename="pathfinder-personal-data.json"');
    return {
      exportedAt: new Date().toISOString(),
      account: toMeDto(user, profile),
      savedJobs: savedJobs.map(toSavedJobDto),
      alerts: alerts.map(toAlertDto),
      consentHistory,
      sessions: sessions.map((s) => ({
        createdAt: s.createdAt.toISOString(),
        lastVerifiedAt: s.lastVerifiedAt.toISOString(),
        mfaVerified: s.mfaVerified,
        ip: s.ip ?? null,
        userAgent: s.userAgent ?? null,
        current: s.id === request.auth!.sessionId,
      })),
      activity: logs.map((l) => ({ at: l.at.toISOString(), action: l.action, resource: l.resource ?? null, outcome: l.outcome, ip: l.ip ?? null })),
      jobClicks: clicks.map((c) => ({ jobId: c.job_id, at: new Date(c.at).toISOString(), via: c.via })),
    };
  });
}
