import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { sendDigests, sendInstantAlerts, MAX_SEND_ATTEMPTS } from '../../src/alerts/send-alerts.js';
import { MAX_JOBS_PER_EMAIL } from '../../src/alerts/match-alert.js';
import { parseMail } from '../mail/mime.js';
import type { SmtpCapture } from '../mail/smtp-capture.js';
import { ALERT_MAIL_CONFIG, alertState, createAlert, createJob, createSource, createUser, deliveries, startAlertMail } from './fixtures.js';

const db = useTestDatabase();
const config = ALERT_MAIL_CONFIG;
let smtp: SmtpCapture;
let mailer: Mailer;
let close: () => Promise<void>;
let source: string;
const log: string[] = [];
const options = { config, log: (line: string) => log.push(line) };
const HOUR = 3_600_000;

beforeAll(async () => {
  ({ smtp, mailer, close } = await startAlertMail());
  source = await createSource(db.orm);
});
afterAll(() => close());
beforeEach(async () => {
  await db.truncate('alert_deliveries', 'job_alerts', 'jobs');
  smtp.messages.length = 0;
  log.length = 0;
});

const mails = () => smtp.messages.map((m) => ({ ...parseMail(m.raw), to: m.to }));

describe('instant alerts', () => {
  it('sends one email with the matching new jobs, records them sent, and moves the alert on', async () => {
    const user = await createUser(db.orm, 'given', 'ada@example.test');
    const alert = await createAlert(db.orm, user, { name: 'BC co-ops', query: 'developer', filters: { jobType: ['coop'], province: ['BC'] } });
    const a = await createJob(db.orm, source, { title: 'Software Developer Co-op', deadline: new Date('2026-05-01T06:59:59Z') });
    const b = await createJob(db.orm, source, { title: 'Web Developer Co-op', company: 'Harbour Labs', city: 'Victoria', locationType: 'hybrid' });
    const other = await createJob(db.orm, source, { title: 'Web Developer Co-op', province: 'ON', city: 'Toronto' });

    const summary = await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [a, b, other] });
    expect(summary).toEqual({ alerts: 1, emails: 1, jobs: 2, failed: 0 });
    const [mail] = mails();
    expect(mail!.to).toEqual(['ada@example.test']);
    expect(mail!.headers.subject).toBe('2 new jobs for “BC co-ops”');
    expect(mail!.headers.from).toBe('Pathfinder Alerts <alerts@pathfinder.test>');
    expect(mail!.text).toContain('Software Developer Co-op\r\nMaple Robotics - Vancouver, BC - Co-op - Apply by April 30, 2026');
    expect(mail!.text).toContain('Web Developer Co-op\r\nHarbour Labs - Hybrid (Victoria, BC) - Co-op');
    expect(mail!.text).toContain(`Apply: https://pathfinder.test/api/v1/jobs/${a}/apply`);
    expect(mail!.html).toContain(`href="https://pathfinder.test/api/v1/jobs/${b}/apply"`);
    expect(mail!.html).not.toContain(other);

    // An HTML and a text part; CASL: who sends, their mailing address, a working unsubscribe; RFC 8058 headers.
    expect(mail!.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail!.parts.map((p) => p.contentType.split(';')[0])).toEqual(['text/plain', 'text/html']);
    const unsubscribe = `https://pathfinder.test/api/v1/alerts/unsubscribe?token=${alert.token}`;
    expect(mail!.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.text).toContain(`Unsubscribe from this alert (takes effect at once): ${unsubscribe}`);
    expect(mail!.text).toContain('Sent by Pathfinder Alerts <alerts@pathfinder.test> - https://pathfinder.test\r\nPathfinder, 100 Queen St W, Toronto, ON M5H 2N2, Canada');
    expect(mail!.html).toContain(`<a href="${unsubscribe}">Unsubscribe from this alert</a>`);
    expect(mail!.html).toContain('Sent by Pathfinder Alerts');
    expect(mail!.html).toContain('Pathfinder, 100 Queen St W, Toronto, ON M5H 2N2, Canada');
    // Responsive MJML output: a mobile media query and stacking columns.
    expect(mail!.html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(mail!.html).toContain('mj-column-per-100');
    expect(mail!.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');

    const recorded = await deliveries(db.orm, alert.id);
    expect(Object.keys(recorded).sort()).toEqual([a, b].sort());
    for (const d of Object.values(recorded)) expect(d).toEqual({ status: 'sent', attempts: 1, messageId: mail!.headers['message-id'] });
    const state = await alertState(db.orm, alert.id);
    expect(state.lastRunAt).toBeInstanceOf(Date);
    expect(state.lastSentAt).toBeInstanceOf(Date);
  });

  it('never sends a job twice to one alert across passes; later passes carry only the new jobs', async () => {
    const user = await createUser(db.orm);
    const alert = await createAlert(db.orm, user, { name: 'Everything' });
    const first = await createJob(db.orm, source, { title: 'First job' });
    await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [first] });
    expect(await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [first] })).toMatchObject({ emails: 0 });
    expect(await sendInstantAlerts(db.orm, mailer, options)).toEqual({ alerts: 0, emails: 0, jobs: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);

    const second = await createJob(db.orm, source, { title: 'Second job' });
    await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [second] });
    expect(smtp.messages).toHaveLength(2);
    const latest = mails()[1]!;
    expect(latest.text).toContain('Second job');
    expect(latest.text).not.toContain('First job');
    expect(Object.values(await deliveries(db.orm, alert.id)).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('sends once when two passes run at the same time (two workers)', async () => {
    const user = await createUser(db.orm);
    const alert = await createAlert(db.orm, user);
    const jobs = [await createJob(db.orm, source, { title: 'One' }), await createJob(db.orm, source, { title: 'Two' })];
    const results = await Promise.all([
      sendInstantAlerts(db.orm, mailer, { ...options, jobIds: jobs }),
      sendInstantAlerts(db.orm, mailer, { ...options, jobIds: jobs }),
      sendInstantAlerts(db.orm, mailer, options),
    ]);
    expect(results.reduce((sum, r) => sum + r.emails, 0)).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(Object.keys(await deliveries(db.orm, alert.id))).toHaveLength(2);
  });

  it('runs only the alerts that one of the new jobs matches (or that have sends to retry)', async () => {
    const user = await createUser(db.orm);
    const bc = await createAlert(db.orm, user, { filters: { province: ['BC'] } });
    const on = await createAlert(db.orm, user, { filters: { province: ['ON'] } });
    const job = await createJob(db.orm, source, { province: 'BC' });
    expect(await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [job] })).toEqual({ alerts: 1, emails: 1, jobs: 1, failed: 0 });
    expect(Object.keys(await deliveries(db.orm, bc.id))).toEqual([job]);
    expect(await deliveries(db.orm, on.id)).toEqual({});
    expect(await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [] })).toEqual({ alerts: 0, emails: 0, jobs: 0, failed: 0 });
  });

  it('sends nothing without consent, after its withdrawal, to an unconfirmed address, or for an inactive alert; again after consent is renewed', async () => {
    const never = await createAlert(db.orm, await createUser(db.orm, 'never'));
    const unverified = await createAlert(db.orm, await createUser(db.orm, 'unverified', 'typed-by-someone@example.test'));
    const withdrawn = await createAlert(db.orm, await createUser(db.orm, 'withdrawn'));
    const inactive = await createAlert(db.orm, await createUser(db.orm), { active: false });
    const renewed = await createAlert(db.orm, await createUser(db.orm, 'renewed', 'back@example.test'));
    const job = await createJob(db.orm, source);
    await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [job] });
    await sendInstantAlerts(db.orm, mailer, options);
    expect(smtp.messages.map((m) => m.to)).toEqual([['back@example.test']]);
    for (const alert of [never, withdrawn, inactive, unverified]) expect(await deliveries(db.orm, alert.id)).toEqual({});
    expect(Object.keys(await deliveries(db.orm, renewed.id))).toEqual([job]);
  });

  it('stops at once when consent is withdrawn between passes', async () => {
    const user = await createUser(db.orm);
    await createAlert(db.orm, user);
    await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [await createJob(db.orm, source)] });
    expect(smtp.messages).toHaveLength(1);
    await db.orm.em.fork().execute('update users set consent_withdrawn = now() where id = ?', [user]);
    await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [await createJob(db.orm, source)] });
    await sendInstantAlerts(db.orm, mailer, options);
    expect(smtp.messages).toHaveLength(1);
  });

  it('keeps the jobs of a refused email pending and sends them on the next pass, with the new ones', async () => {
    const user = await createUser(db.orm);
    const alert = await createAlert(db.orm, user);
    const first = await createJob(db.orm, source, { title: 'Refused the first time' });
    smtp.rejectNext();
    expect(await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [first] })).toEqual({ alerts: 1, emails: 0, jobs: 0, failed: 1 });
    expect(smtp.messages).toHaveLength(0);
    expect(await deliveries(db.orm, alert.id)).toEqual({ [first]: { status: 'pending', attempts: 1, messageId: null } });
    expect((await alertState(db.orm, alert.id)).lastSentAt).toBeNull();
    expect(log.join('\n')).toMatch(/failed, kept for the next pass/);

    const second = await createJob(db.orm, source, { title: 'Added later' });
    expect(await sendInstantAlerts(db.orm, mailer, { ...options, jobIds: [second] })).toEqual({ alerts: 1, emails: 1, jobs: 2, failed: 0 });
    const [mail] = mails();
    expect(mail!.text).toContain('Refused the first time');
    expect(mail!.text).toContain('Added later');
    expect(await deliveries(db.orm, alert.id)).toEqual({
      [first]: { status: 'sent', attempts: 2, messageId: mail!.headers['message-id'] },
      [second]: { status: 'sent', attempts: 1, messageId: mail!.headers['message-id'] },
    });
  });

  it(`gives a job up after ${MAX_SEND_ATTEMPTS} refused attempts`, async () => {
    const alert = await createAlert(db.orm, await createUser(db.orm));
    const job = await createJob(db.orm, source);
    smtp.rejectNext(MAX_SEND_ATTEMPTS);
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) await sendInstantAlerts(db.orm, mailer, options);
    expect(await deliveries(db.orm, alert.id)).toEqual({ [job]: { status: 'failed', attempts: MAX_SEND_ATTEMPTS, messageId: null } });
    expect(await sendInstantAlerts(db.orm, mailer, options)).toMatchObject({ emails: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it(`lists at most ${MAX_JOBS_PER_EMAIL} jobs per email and keeps the alert's place for the rest`, async () => {
    const alert = await createAlert(db.orm, await createUser(db.orm));
    const base = Date.now() - HOUR / 2;
    for (let i = 0; i < MAX_JOBS_PER_EMAIL + 3; i++) await createJob(db.orm, source, { title: `Job ${i}`, createdAt: new Date(base + i * 1000) });
    expect(await sendInstantAlerts(db.orm, mailer, options)).toMatchObject({ emails: 1, jobs: MAX_JOBS_PER_EMAIL });
    expect((await alertState(db.orm, alert.id)).lastRunAt).toBeNull();
    expect(await sendInstantAlerts(db.orm, mailer, options)).toMatchObject({ emails: 1, jobs: 3 });
    expect((await alertState(db.orm, alert.id)).lastRunAt).toBeInstanceOf(Date);
    expect(mails()[1]!.headers.subject).toBe('3 new jobs for “My alert”');
    expect(Object.keys(await deliveries(db.orm, alert.id))).toHaveLength(MAX_JOBS_PER_EMAIL + 3);
  });

  it('escapes job text in the HTML part (no markup from a posting gets in)', async () => {
    await createAlert(db.orm, await createUser(db.orm), { name: 'Alert <b>bold</b>' });
    await createJob(db.orm, source, { title: '<script>alert("x")</script> Dev & Ops', company: '<img src=x onerror=alert(1)>' });
    await sendInstantAlerts(db.orm, mailer, options);
    const [mail] = mails();
    expect(mail!.html).not.toMatch(/<script|<img|<b>/i);
    expect(mail!.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dev &amp; Ops');
    expect(mail!.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(mail!.html).toContain('Alert &lt;b&gt;bold&lt;/b&gt;');
    // The text part is plain text: shown as written, it cannot run anywhere.
    expect(mail!.text).toContain('<script>alert("x")</script> Dev & Ops');
  });
});

describe('digests', () => {
  it('sends each daily alert at most one digest per Toronto day, and the weekly ones only on their run', async () => {
    const user = await createUser(db.orm, 'given', 'digest@example.test');
    const daily = await createAlert(db.orm, user, { name: 'Daily', frequency: 'daily' });
    const weekly = await createAlert(db.orm, user, { name: 'Weekly', frequency: 'weekly' });
    await createAlert(db.orm, user, { name: 'Instant', frequency: 'instant' });
    await createJob(db.orm, source, { title: 'Morning job' });

    const monday8 = new Date('2026-03-09T12:00:30Z'); // Monday 08:00:30 EDT
    expect(await sendDigests(db.orm, mailer, 'daily', monday8, options)).toMatchObject({ alerts: 1, emails: 1, jobs: 1 });
    expect(mails()[0]!.headers.subject).toBe('Your daily digest: 1 new job for “Daily”');
    expect((await alertState(db.orm, daily.id)).lastSentAt?.toISOString()).toBe(monday8.toISOString());

    // A new job the same day: not until tomorrow's digest, even if the digest job runs again.
    await createJob(db.orm, source, { title: 'Afternoon job' });
    expect(await sendDigests(db.orm, mailer, 'daily', new Date('2026-03-09T19:00:00Z'), options)).toMatchObject({ alerts: 0, emails: 0 });
    expect(await sendDigests(db.orm, mailer, 'daily', new Date('2026-03-10T12:00:00Z'), options)).toMatchObject({ emails: 1, jobs: 1 });
    expect(mails()[1]!.text).toContain('Afternoon job');
    expect(mails()[1]!.text).not.toContain('Morning job');

    expect(await sendDigests(db.orm, mailer, 'weekly', monday8, options)).toMatchObject({ emails: 1, jobs: 2 });
    expect(mails()[2]!.headers.subject).toBe('Your weekly digest: 2 new jobs for “Weekly”');
    expect(await sendDigests(db.orm, mailer, 'weekly', new Date('2026-03-15T12:00:00Z'), options)).toMatchObject({ alerts: 0 });
    expect((await alertState(db.orm, weekly.id)).lastSentAt?.toISOString()).toBe(monday8.toISOString());
  });

  it('force sends the new matches now, whatever the time, and still never a job twice', async () => {
    const alert = await createAlert(db.orm, await createUser(db.orm), { frequency: 'daily', lastSentAt: new Date() });
    await createJob(db.orm, source, { title: 'Now' });
    const now = new Date();
    expect(await sendDigests(db.orm, mailer, 'daily', now, options)).toMatchObject({ alerts: 0 });
    expect(await sendDigests(db.orm, mailer, 'daily', now, { ...options, force: true })).toMatchObject({ alerts: 1, emails: 1 });
    expect(await sendDigests(db.orm, mailer, 'daily', now, { ...options, force: true })).toMatchObject({ alerts: 1, emails: 0 });
    expect(Object.values(await deliveries(db.orm, alert.id))).toHaveLength(1);
  });

  it('a refused digest stays due, so the retried run sends it (and only it)', async () => {
    const one = await createAlert(db.orm, await createUser(db.orm, 'given', 'one@example.test'), { frequency: 'daily' });
    const two = await createAlert(db.orm, await createUser(db.orm, 'given', 'two@example.test'), { frequency: 'daily' });
    await createJob(db.orm, source);
    const now = new Date('2026-07-01T12:00:00Z');
    smtp.rejectNext();
    expect(await sendDigests(db.orm, mailer, 'daily', now, options)).toMatchObject({ alerts: 2, emails: 1, failed: 1 });
    const retry = await sendDigests(db.orm, mailer, 'daily', new Date('2026-07-01T12:05:00Z'), options);
    expect(retry).toMatchObject({ alerts: 1, emails: 1, failed: 0 });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['one@example.test', 'two@example.test']);
    for (const alert of [one, two]) expect(Object.values(await deliveries(db.orm, alert.id)).map((d) => d.status)).toEqual(['sent']);
  });
});
