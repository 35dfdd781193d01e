import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { syncDataSources } from '../../src/engine/sync-data-sources.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { createMailer, type Mailer } from '../../src/mail/mailer.js';
import { registerAlertJobs, type AlertJobs } from '../../src/alerts/alert-jobs.js';
import { eventually, inlinePlugin, posting, registryOf } from '../scheduler/support.js';
import { parseMail } from '../mail/mime.js';
import { startSmtpCapture, type SmtpCapture } from '../mail/smtp-capture.js';
import { createAlert, createJob, createSource, createUser } from './fixtures.js';

const db = useTestDatabase();
const config = { publicUrl: 'https://pathfinder.test', mailFrom: 'Pathfinder <alerts@pathfinder.test>', mailPostalAddress: '1 Main St, Toronto' };
const plugin = inlinePlugin('bcboard', async function* () {
  yield posting(1, { title: 'Civil Engineering Co-op', city: 'Vancouver', province: 'BC' });
  yield posting(2, { title: 'Bookkeeping Co-op', city: 'Regina', province: 'SK' });
});
let scheduler: Scheduler;
let smtp: SmtpCapture;
let mailer: Mailer;
let alertJobs: AlertJobs;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  mailer = createMailer({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: config.mailFrom });
  await syncDataSources(db.orm.em.fork(), [plugin]);
  scheduler = new Scheduler({
    connectionString: db.url, orm: db.orm, registry: registryOf(plugin), pollingIntervalSeconds: 0.5, cron: false, coordinator: false,
  });
  await scheduler.start();
  alertJobs = await registerAlertJobs(scheduler, { orm: db.orm, mailer, config });
});
afterAll(async () => {
  await scheduler?.stop();
  await mailer?.close();
  await smtp?.close();
});

describe('the alerts on the scheduler (pg-boss)', () => {
  it('schedules the digests at 08:00 and Mondays 08:00 America/Toronto, and a half-hourly instant sweep', async () => {
    const schedules = (await scheduler.schedules()).filter((s) => s.name.startsWith('alerts-'));
    expect(schedules.map((s) => [s.name, s.cron, s.timezone]).sort()).toEqual([
      ['alerts-digest:daily', '0 8 * * *', 'America/Toronto'],
      ['alerts-digest:weekly', '0 8 * * 1', 'America/Toronto'],
      ['alerts-instant:sweep', '*/30 * * * *', 'America/Toronto'],
    ]);
  });

  it('emails an instant alert after a crawl added a matching job', async () => {
    const user = await createUser(db.orm, 'given', 'bc@example.test');
    await createAlert(db.orm, user, { name: 'BC co-ops', filters: { jobType: ['coop'], province: ['BC'] }, createdAt: new Date(Date.now() - 60_000) });
    await scheduler.enqueueCrawl('bcboard', 'manual');
    await eventually(() => smtp.messages.length > 0, 'the instant alert email');
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(smtp.messages[0]!.to).toEqual(['bc@example.test']);
    expect(mail.headers.subject).toBe('1 new job for “BC co-ops”');
    expect(mail.text).toContain('Civil Engineering Co-op');
    expect(mail.text).not.toContain('Bookkeeping');
  });

  it('runs the digests queued on demand; a refused email fails the job so pg-boss retries it', async () => {
    smtp.messages.length = 0;
    const source = await createSource(db.orm);
    await createAlert(db.orm, await createUser(db.orm, 'given', 'daily@example.test'), { name: 'Daily', frequency: 'daily', query: 'material' });
    await createJob(db.orm, source, { title: 'Digest material' });
    const states = async (ids: (string | null)[]) =>
      Promise.all(ids.map(async (id) => (await db.orm.em.fork().execute<{ state: string }[]>('select state from pgboss.job where id = ?', [id]))[0]?.state));
    const settled = (ids: (string | null)[]) => eventually(async () => {
      const s = await states(ids);
      return s.every((x) => x === 'completed' || x === 'retry' || x === 'failed') ? s : undefined;
    }, 'both digest jobs to finish');

    expect(await settled(await alertJobs.enqueueDigests({ force: true }))).toEqual(['completed', 'completed']);
    expect(smtp.messages.map((m) => parseMail(m.raw).headers.subject)).toEqual(['Your daily digest: 1 new job for “Daily”']);

    await createAlert(db.orm, await createUser(db.orm), { name: 'Refused', frequency: 'weekly' });
    smtp.rejectNext();
    const ids = await alertJobs.enqueueDigests({ force: true });
    // daily: nothing new, completed; weekly: its email was refused, so the job waits for a retry.
    expect(await settled(ids)).toEqual(['completed', 'retry']);
    expect(smtp.messages).toHaveLength(1);
  });
});
