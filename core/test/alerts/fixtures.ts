import crypto from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DataSource, Job, JobAlert, User, type AlertFilters } from '../../src/db/entities/index.js';
import type { AlertFrequency, JobTerm, JobType, LocationType } from '../../src/db/entities/ids.js';
import { createMailer, type Mailer } from '../../src/mail/mailer.js';
import { startSmtpCapture, type SmtpCapture } from '../mail/smtp-capture.js';

/** What the alert senders need to know of the deployment, in every alert test. */
export const ALERT_MAIL_CONFIG = {
  publicUrl: 'https://pathfinder.test',
  mailFrom: 'Pathfinder Alerts <alerts@pathfinder.test>',
  mailPostalAddress: 'Pathfinder, 100 Queen St W, Toronto, ON M5H 2N2, Canada',
};

/** A local SMTP server that keeps what it receives, and a mailer sending to it. */
export interface AlertMail {
  smtp: SmtpCapture;
  mailer: Mailer;
  close(): Promise<void>;
}

export async function startAlertMail(): Promise<AlertMail> {
  const smtp = await startSmtpCapture();
  const mailer = createMailer({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: ALERT_MAIL_CONFIG.mailFrom });
  return {
    smtp,
    mailer,
    close: async () => {
      await mailer.close();
      await smtp.close();
    },
  };
}

let n = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++n}`;

export async function createSource(orm: MikroORM): Promise<string> {
  const em = orm.em.fork();
  const source = em.create(DataSource, { name: `Test source ${unique()}`, sourceType: 'manual' });
  await em.flush();
  return source.id;
}

/** `unverified`: consent given at registration, but the address was never confirmed by its owner. */
export type ConsentState = 'given' | 'never' | 'withdrawn' | 'renewed' | 'unverified';

export async function createUser(orm: MikroORM, consent: ConsentState = 'given', email = `student-${unique()}@example.test`): Promise<string> {
  const em = orm.em.fork();
  const day = 86_400_000;
  const now = Date.now();
  const fields = {
    given: { consentGiven: true, consentDate: new Date(now - 10 * day), consentWithdrawn: null },
    never: { consentGiven: false, consentDate: null, consentWithdrawn: null },
    // Withdrawal keeps consent_given as it was: the later withdrawal date is what counts.
    withdrawn: { consentGiven: true, consentDate: new Date(now - 10 * day), consentWithdrawn: new Date(now - day) },
    renewed: { consentGiven: true, consentDate: new Date(now - day), consentWithdrawn: new Date(now - 5 * day) },
    unverified: { consentGiven: true, consentDate: new Date(now - 10 * day), consentWithdrawn: null },
  }[consent];
  // Every user but the `unverified` one confirmed their address (alerts go to confirmed addresses only).
  const emailVerifiedAt = consent === 'unverified' ? null : new Date(now - 10 * day);
  const user = em.create(User, { email, passwordHash: 'x', role: 'student', ...fields, emailVerifiedAt });
  await em.flush();
  return user.id;
}

export interface AlertInput {
  name?: string;
  query?: string | null;
  filters?: AlertFilters;
  frequency?: AlertFrequency;
  active?: boolean;
  createdAt?: Date;
  lastRunAt?: Date | null;
  lastSentAt?: Date | null;
}

export async function createAlert(orm: MikroORM, userId: string, input: AlertInput = {}): Promise<{ id: string; token: string }> {
  const em = orm.em.fork();
  const token = crypto.randomBytes(32).toString('base64url');
  const alert = em.create(JobAlert, {
    user: userId,
    name: input.name ?? 'My alert',
    query: input.query ?? null,
    filters: input.filters ?? {},
    frequency: input.frequency ?? 'instant',
    active: input.active ?? true,
    lastRunAt: input.lastRunAt ?? null,
    lastSentAt: input.lastSentAt ?? null,
    unsubscribeToken: token,
    createdAt: input.createdAt ?? new Date(Date.now() - 3_600_000),
  });
  await em.flush();
  return { id: alert.id, token };
}

export interface JobInput {
  title?: string;
  company?: string;
  description?: string;
  jobType?: JobType;
  term?: JobTerm | null;
  locationType?: LocationType;
  city?: string | null;
  province?: string | null;
  deadline?: Date | null;
  isActive?: boolean;
  createdAt?: Date;
}

export async function createJob(orm: MikroORM, sourceId: string, input: JobInput = {}): Promise<string> {
  const em = orm.em.fork();
  const id = unique();
  const job = em.create(Job, {
    title: input.title ?? 'Software Developer Co-op',
    companyName: input.company ?? 'Maple Robotics',
    description: input.description ?? 'Build things with a friendly team.',
    jobType: input.jobType ?? 'coop',
    term: input.term === undefined ? 'summer' : input.term,
    locationType: input.locationType ?? 'onsite',
    city: input.city === undefined ? 'Vancouver' : input.city,
    province: input.province === undefined ? 'BC' : input.province,
    applicationDeadline: input.deadline ?? null,
    isActive: input.isActive ?? true,
    source: sourceId,
    originalUrl: `https://jobs.example.test/${id}`,
    dedupeHash: crypto.createHash('sha256').update(id).digest('hex'),
    contentHash: 'c',
    createdAt: input.createdAt ?? new Date(),
  });
  await em.flush();
  return job.id;
}

/** The alert's stored place and send time. */
export async function alertState(orm: MikroORM, alertId: string) {
  const [row] = await orm.em.fork().execute<{ last_run_at: string | null; last_sent_at: string | null; active: boolean }[]>(
    'select last_run_at, last_sent_at, active from job_alerts where id = ?', [alertId]);
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return { lastRunAt: date(row!.last_run_at), lastSentAt: date(row!.last_sent_at), active: row!.active };
}

/** The deliveries of an alert: job id → status and attempts. */
export async function deliveries(orm: MikroORM, alertId: string) {
  const rows = await orm.em.fork().execute<{ job_id: string; status: string; attempts: number; message_id: string | null }[]>(
    'select job_id, status, attempts, message_id from alert_deliveries where alert_id = ? order by job_id', [alertId]);
  return Object.fromEntries(rows.map((r) => [r.job_id, { status: r.status, attempts: r.attempts, messageId: r.message_id }]));
}
