import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { sendInstantAlerts } from '../../src/alerts/send-alerts.js';
import { parseMail } from '../mail/mime.js';
import type { SmtpCapture } from '../mail/smtp-capture.js';
import { board, copy, crawlBoard } from '../clusters/fixtures.js';
import { ALERT_MAIL_CONFIG, createAlert, createUser, deliveries, startAlertMail } from './fixtures.js';

const db = useTestDatabase();
const config = ALERT_MAIL_CONFIG;
let smtp: SmtpCapture;
let mailer: Mailer;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ smtp, mailer, close } = await startAlertMail());
});
afterAll(() => close());

const crawl = (plugin: ReturnType<typeof board>) => crawlBoard(db.orm, plugin);

describe('alerts send a job once per cluster, not once per copy', () => {
  it('a copy that joins a cluster already alerted, even as its new representative, is not sent again', async () => {
    const alert = await createAlert(db.orm, await createUser(db.orm), { query: 'fir', name: 'Fir' });
    const a = board('alerta');
    const b = board('alertb');
    a.items = [copy('alerta', { companyName: 'Fir Robotics' })];
    b.items = [copy('alertb', { companyName: 'Fir Robotics Inc.', salaryMin: 25, salaryMax: 30, salaryPeriod: 'hour' })];

    const first = await crawl(a);
    expect(await sendInstantAlerts(db.orm, mailer, { config, jobIds: first.addedIds })).toMatchObject({ emails: 1, jobs: 1 });
    // Board b's copy is more complete: it becomes what search shows, yet it is the job already sent.
    const second = await crawl(b);
    expect(second.addedIds).toHaveLength(1);
    const [rep] = await db.orm.em.fork().getConnection().execute<{ is_representative: boolean; cluster_id: string | null }[]>(
      'select is_representative, cluster_id from jobs where id = ?', [second.addedIds[0]],
    );
    expect(rep).toMatchObject({ is_representative: true, cluster_id: expect.any(String) });
    expect(await sendInstantAlerts(db.orm, mailer, { config, jobIds: second.addedIds })).toMatchObject({ emails: 0 });
    expect(await sendInstantAlerts(db.orm, mailer, { config })).toMatchObject({ emails: 0 });
    expect(Object.keys(await deliveries(db.orm, alert.id))).toEqual(first.addedIds);
  });

  it('two copies crawled before the alert runs make one job in one email', async () => {
    const alert = await createAlert(db.orm, await createUser(db.orm), { query: 'gum', name: 'Gum' });
    const a = board('alertc');
    const b = board('alertd');
    a.items = [copy('alertc', { companyName: 'Gum Tree Robotics' })];
    b.items = [copy('alertd', { companyName: 'Gum Tree Robotics' })];
    const ids = [...(await crawl(a)).addedIds, ...(await crawl(b)).addedIds];
    expect(ids).toHaveLength(2);
    smtp.messages.length = 0;
    expect(await sendInstantAlerts(db.orm, mailer, { config, jobIds: ids })).toMatchObject({ emails: 1, jobs: 1 });
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(mail.text!.match(/Software Developer Co-op/g)).toHaveLength(1);
    expect(Object.keys(await deliveries(db.orm, alert.id))).toHaveLength(1);
  });
});
