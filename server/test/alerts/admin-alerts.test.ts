import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMailer, type Mailer } from '@pathfinder/core';
import type { AppServices } from '../../src/app-context.js';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { createAlert, createJob, createSource, createUser } from '../../../core/test/alerts/fixtures.js';
import { parseMail } from '../../../core/test/mail/mime.js';
import { startSmtpCapture, type SmtpCapture } from '../../../core/test/mail/smtp-capture.js';

const services: Partial<AppServices> = {};
/** A stand-in for the engine's scheduler: only `send` is used by the route. */
const setScheduler = (value: unknown) => Object.assign(services, { scheduler: value });
const t = useTestApp({ services });
let smtp: SmtpCapture;
let mailer: Mailer;
let source: string;
let admin: TestSession;
let student: TestSession;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  mailer = createMailer({ ...t.app.ctx.config, smtpUrl: smtp.url });
  services.mailer = mailer;
  source = await createSource(t.app.ctx.orm);
  admin = await createUserSession(t.app, 'admin');
  student = await createUserSession(t.app, 'student');
});
afterAll(async () => {
  await mailer?.close();
  await smtp?.close();
});
beforeEach(async () => {
  smtp.messages.length = 0;
  delete services.scheduler;
  await t.db.truncate('alert_deliveries', 'job_alerts', 'jobs');
});

const accessLog = async (action: string) =>
  t.app.ctx.orm.em.fork().execute<{ outcome: string; status_code: number; details: Record<string, unknown> }[]>(
    'select outcome, status_code, details from access_logs where action = ? order by at', [action]);

describe('POST /api/v1/admin/alerts/send-digests', () => {
  const url = '/api/v1/admin/alerts/send-digests';

  it('is for admins: 401 without a session, 403 for others', async () => {
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: student.headers })).statusCode).toBe(403);
    expect((await accessLog('admin.alerts.send-digests')).map((r) => r.outcome)).toEqual(['denied', 'denied']);
  });

  it('without a scheduler here, sends every daily and weekly digest now (202), whatever the time', async () => {
    const user = await createUser(t.app.ctx.orm, 'given', 'digests@example.test');
    await createAlert(t.app.ctx.orm, user, { name: 'Daily', frequency: 'daily', lastSentAt: new Date() });
    await createAlert(t.app.ctx.orm, user, { name: 'Weekly', frequency: 'weekly' });
    await createAlert(t.app.ctx.orm, user, { name: 'Instant', frequency: 'instant' });
    await createJob(t.app.ctx.orm, source, { title: 'Digest job' });

    const res = await t.app.inject({ method: 'POST', url, headers: admin.headers });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mode: 'direct', frequencies: ['daily', 'weekly'] });
    await vi.waitFor(() => expect(smtp.messages).toHaveLength(2), { timeout: 10_000 });
    expect(smtp.messages.map((m) => parseMail(m.raw).headers.subject).sort()).toEqual([
      'Your daily digest: 1 new job for “Daily”',
      'Your weekly digest: 1 new job for “Weekly”',
    ]);
    expect(await accessLog('admin.alerts.send-digests')).toContainEqual(expect.objectContaining({ outcome: 'success', status_code: 202 }));
  });

  it('with a scheduler, queues both digests for a worker', async () => {
    const sent: { queue: string; data: object }[] = [];
    setScheduler({ send: async (queue: string, data: object) => (sent.push({ queue, data }), `job-${sent.length}`) });
    const res = await t.app.inject({ method: 'POST', url, headers: admin.headers });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mode: 'queued', frequencies: ['daily', 'weekly'], jobIds: ['job-1', 'job-2'] });
    expect(sent).toEqual([
      { queue: 'alerts-digest', data: { frequency: 'daily', force: true } },
      { queue: 'alerts-digest', data: { frequency: 'weekly', force: true } },
    ]);
  });
});

describe('GET /api/v1/admin/alerts/preview', () => {
  const url = (alertId: string, extra = '') => `/api/v1/admin/alerts/preview?alertId=${encodeURIComponent(alertId)}${extra}`;

  it('renders the next email of an alert as HTML, or its text part, and sends nothing', async () => {
    const alert = await createAlert(t.app.ctx.orm, await createUser(t.app.ctx.orm), { name: 'Preview me', query: 'hydrology' });
    await createJob(t.app.ctx.orm, source, { title: 'Hydrology Intern <b>', jobType: 'internship' });
    await createJob(t.app.ctx.orm, source, { title: 'Unrelated' });
    const res = await t.app.inject({ url: url(alert.id), headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-preview-jobs']).toBe('next; count=1');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('Hydrology Intern &lt;b&gt;');
    expect(res.body).not.toContain('Unrelated');
    expect(res.body).toContain('<title>1 new job for “Preview me”</title>');

    const text = await t.app.inject({ url: url(alert.id, '&format=text'), headers: admin.headers });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toContain('Hydrology Intern <b>\nMaple Robotics - Vancouver, BC - Internship');
    expect(smtp.messages).toHaveLength(0);
    const recorded = await t.app.ctx.orm.em.fork().execute('select 1 from alert_deliveries');
    expect(recorded).toHaveLength(0);
  });

  it('falls back to a sample of recent matching jobs when nothing is waiting', async () => {
    const alert = await createAlert(t.app.ctx.orm, await createUser(t.app.ctx.orm), { lastRunAt: new Date(Date.now() + 3_600_000) });
    await createJob(t.app.ctx.orm, source, { title: 'Sampled' });
    const res = await t.app.inject({ url: url(alert.id), headers: admin.headers });
    expect(res.headers['x-preview-jobs']).toBe('sample; count=1');
    expect(res.body).toContain('Sampled');
  });

  it('answers 401, 403, 404 and 400 as the API does', async () => {
    expect((await t.app.inject({ url: url('x') })).statusCode).toBe(401);
    expect((await t.app.inject({ url: url('x'), headers: student.headers })).statusCode).toBe(403);
    const missing = await t.app.inject({ url: url('no-such-alert'), headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PF_ERR_NOT_FOUND' });
    expect((await t.app.inject({ url: '/api/v1/admin/alerts/preview', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: url('x'.repeat(65)), headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: url('x', '&format=pdf'), headers: admin.headers })).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the alert routes with their media types', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    const unsubscribe = doc.paths['/api/v1/alerts/unsubscribe'];
    expect(Object.keys(unsubscribe.get.responses['200'].content)).toEqual(['text/html']);
    expect(Object.keys(unsubscribe.post.responses['200'].content).sort()).toEqual(['application/json', 'text/html']);
    expect(Object.keys(unsubscribe.post.requestBody.content)).toContain('application/x-www-form-urlencoded');
    expect(doc.paths['/api/v1/admin/alerts/send-digests'].post.responses['202']).toBeDefined();
    expect(doc.paths['/api/v1/admin/alerts/preview'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });
});
