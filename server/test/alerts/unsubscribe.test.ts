import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, sendInstantAlerts, type Mailer } from '@pathfinder/core';
import type { AppServices } from '../../src/app-context.js';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { createAlert, createJob, createSource, createUser } from '../../../core/test/alerts/fixtures.js';
import { parseMail } from '../../../core/test/mail/mime.js';
import { startSmtpCapture, type SmtpCapture } from '../../../core/test/mail/smtp-capture.js';

const services: Partial<AppServices> = {};
const t = useTestApp({ services });
let smtp: SmtpCapture;
let mailer: Mailer;
let source: string;
const send = (jobIds?: string[]) => sendInstantAlerts(t.app.ctx.orm, mailer, { config: t.app.ctx.config, jobIds });
const path = (url: string) => url.replace(t.app.ctx.config.publicUrl, '');
const isActive = async (alertId: string) =>
  (await t.app.ctx.orm.em.fork().execute<{ active: boolean }[]>('select active from job_alerts where id = ?', [alertId]))[0]!.active;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  mailer = createMailer({ ...t.app.ctx.config, smtpUrl: smtp.url });
  services.mailer = mailer;
  source = await createSource(t.app.ctx.orm);
});
afterAll(async () => {
  await mailer?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

describe('a student\'s instant alert, end to end', () => {
  it('arrives as MJML HTML with a text part, and its one-click unsubscribe stops it at once', async () => {
    const student = await createUserSession(t.app, 'student', { email: 'sam@example.test' });
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/users/me/alerts', headers: student.headers,
      payload: { name: 'BC co-ops', jobType: ['coop'], province: ['BC'], frequency: 'instant' },
    });
    expect(created.statusCode).toBe(201);
    const alertId = created.json().id as string;
    const bc = await createJob(t.app.ctx.orm, source, { title: 'Geotechnical Co-op', province: 'BC', city: 'Kamloops', jobType: 'coop' });
    const on = await createJob(t.app.ctx.orm, source, { title: 'Toronto Co-op', province: 'ON', city: 'Toronto', jobType: 'coop' });

    expect(await send([bc, on])).toMatchObject({ emails: 1, jobs: 1 });
    expect(smtp.messages).toHaveLength(1);
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(smtp.messages[0]!.to).toEqual(['sam@example.test']);
    expect(mail.headers.subject).toBe('1 new job for “BC co-ops”');
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('mj-column-per-100');
    expect(mail.html).toContain('Geotechnical Co-op');
    expect(mail.text).toContain('Geotechnical Co-op\r\nMaple Robotics - Kamloops, BC - Co-op');
    expect(mail.text).not.toContain('Toronto Co-op');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!;
    expect(link).toMatch(/^http:\/\/localhost:8000\/api\/v1\/alerts\/unsubscribe\?token=[0-9a-f]{64}$/);

    // What a mail provider does on "Unsubscribe": POST the header's URL with the RFC 8058 body, no login.
    const oneClick = await t.app.inject({
      method: 'POST', url: path(link), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.headers['content-type']).toMatch(/^text\/html/);
    expect(oneClick.body).toContain('The job alert &ldquo;BC co-ops&rdquo; is stopped');
    expect(await isActive(alertId)).toBe(false);

    await createJob(t.app.ctx.orm, source, { title: 'Another BC Co-op', province: 'BC' });
    await send();
    expect(smtp.messages).toHaveLength(1);
    const listed = await t.app.inject({ url: '/api/v1/users/me/alerts', headers: student.headers });
    expect(listed.json().items[0]).toMatchObject({ id: alertId, active: false });
  });
});

describe('GET /api/v1/alerts/unsubscribe', () => {
  it('shows a confirmation page with a button that posts back, and changes nothing', async () => {
    const alert = await createAlert(t.app.ctx.orm, await createUser(t.app.ctx.orm), { name: 'Data <script>alert(1)</script>' });
    const res = await t.app.inject({ url: `/api/v1/alerts/unsubscribe?token=${alert.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain(`<form method="post" action="?token&#x3D;${alert.token}">`);
    expect(res.body).toContain('<button type="submit">Unsubscribe</button>');
    expect(res.body).toContain('Data &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>');
    expect(await isActive(alert.id)).toBe(true);
  });

  it('answers an unknown, missing or odd token with a 404 page', async () => {
    for (const query of ['?token=nope', '', '?token=%0d%0a', `?token=${'a'.repeat(65)}`]) {
      const res = await t.app.inject({ url: `/api/v1/alerts/unsubscribe${query}` });
      expect(res.statusCode, query).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('This unsubscribe link is not valid');
    }
    // A NUL character is refused at the door for every route.
    expect((await t.app.inject({ url: '/api/v1/alerts/unsubscribe?token=%00' })).statusCode).toBe(400);
  });

  it('says so when the alert is already stopped', async () => {
    const alert = await createAlert(t.app.ctx.orm, await createUser(t.app.ctx.orm), { active: false });
    const res = await t.app.inject({ url: `/api/v1/alerts/unsubscribe?token=${alert.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('is stopped');
    expect(res.body).not.toContain('<form');
  });
});

describe('POST /api/v1/alerts/unsubscribe', () => {
  it('works from the confirmation page\'s form, with a multipart one-click body, or with no body at all', async () => {
    const user = await createUser(t.app.ctx.orm);
    const viaForm = await createAlert(t.app.ctx.orm, user);
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/alerts/unsubscribe?token=${viaForm.token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example' }, payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(await isActive(viaForm.id)).toBe(false);

    const multipart = await createAlert(t.app.ctx.orm, user);
    const boundary = 'xYzZY';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const res2 = await t.app.inject({
      method: 'POST', url: `/api/v1/alerts/unsubscribe?token=${multipart.token}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body,
    });
    expect(res2.statusCode).toBe(200);
    expect(await isActive(multipart.id)).toBe(false);

    const bare = await createAlert(t.app.ctx.orm, user);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/unsubscribe?token=${bare.token}` })).statusCode).toBe(200);
    expect(await isActive(bare.id)).toBe(false);
  });

  it('takes the token from the form body too, is idempotent, and answers JSON when asked', async () => {
    const alert = await createAlert(t.app.ctx.orm, await createUser(t.app.ctx.orm), { name: 'Weekly data' });
    const post = () => t.app.inject({
      method: 'POST', url: '/api/v1/alerts/unsubscribe', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: `token=${alert.token}`,
    });
    for (let i = 0; i < 2; i++) {
      const res = await post();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ alertId: alert.id, name: 'Weekly data', active: false });
    }
  });

  it('answers an unknown token with 404 (page or error JSON) and bad input with 4xx, never 5xx', async () => {
    const page = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/unsubscribe?token=unknown' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/unsubscribe?token=unknown', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ statusCode: 404, code: 'PF_ERR_NOT_FOUND' });
    const long = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/unsubscribe?token=${'x'.repeat(2000)}` });
    expect(long.statusCode).toBe(400);
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/unsubscribe?token=x', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
    expect(plain.statusCode).toBe(404);
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/unsubscribe?token=x', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const big = await t.app.inject({
      method: 'POST', url: '/api/v1/alerts/unsubscribe?token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `a=${'b'.repeat(20_000)}`,
    });
    expect(big.statusCode).toBe(413);
    const badJson = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/unsubscribe?token=x', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(badJson.statusCode).toBe(400);
  });
});
