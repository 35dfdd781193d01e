import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { newId, type AlertFrequency } from '../db/entities/ids.js';
import type { Mailer } from '../mail/mailer.js';
import { CONSENT_SQL } from './alert-consent.js';
import { buildAlertEmail, type AlertMailConfig } from './alert-email.js';
import { loadAlertTemplates, type AlertTemplates } from './alert-templates.js';
import { isDigestDue, type DigestFrequency } from './digest-schedule.js';
import {
  ALERT_JOB_COLUMNS_SQL, ALERT_MATCHES_JOB_SQL, ALERT_QUERY_JOIN_SQL, MATCH_OVERLAP_MS, MAX_JOBS_PER_EMAIL, matchAlert, toAlertJob,
  type AlertJob, type AlertJobRow,
} from './match-alert.js';

/** Failed sends of one job to one alert before its delivery is marked `failed` and given up. */
export const MAX_SEND_ATTEMPTS = 5;

export interface AlertSendOptions {
  /** Links, sender and mailing address for the emails. */
  config: AlertMailConfig;
  /** Default: the process's compiled templates (`loadAlertTemplates`). */
  templates?: AlertTemplates;
  /** Where to report failed sends (one line each). */
  log?: (line: string) => void;
  /** Alerts processed at once (default 4). */
  concurrency?: number;
  /** The time of the run, stored as `lastSentAt` (default: now). */
  now?: Date;
}

/** What one run did. */
export interface AlertRunSummary {
  /** Alerts examined. */
  alerts: number;
  /** Emails the mail server accepted. */
  emails: number;
  /** Jobs in those emails. */
  jobs: number;
  /** Emails that failed; their jobs stay pending for the next pass. */
  failed: number;
}

type PassKind = { frequency: 'instant' } | { frequency: DigestFrequency; force: boolean };
type PassOutcome = { kind: 'skipped' } | { kind: 'sent'; jobs: number } | { kind: 'failed'; jobs: number };

interface AlertRow {
  id: string;
  name: string;
  frequency: AlertFrequency;
  active: boolean;
  last_sent_at: Date | string | null;
  unsubscribe_token: string;
  email: string;
  consent: boolean;
  cutoff: Date | string;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const json = (ids: string[]) => JSON.stringify(ids);

/**
 * One alert, one email at most, in one transaction under a per-alert advisory lock (two workers
 * never send the same alert at once): pending deliveries left by failed sends, then new matches
 * recorded as `pending` (`on conflict do nothing`: only rows this pass inserted are sent), the
 * send, and `sent` with the Message-ID. A refused send keeps the rows `pending` with one more
 * attempt. The alert's `lastRunAt` moves to this pass's start only when every match was recorded,
 * so no job is passed over and none is sent twice.
 */
async function runAlertPass(
  orm: MikroORM, mailer: Mailer, templates: AlertTemplates, options: AlertSendOptions, alertId: string, pass: PassKind,
): Promise<PassOutcome> {
  const now = options.now ?? new Date();
  return orm.em.fork().transactional(async (em: EntityManager) => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`pf:alert:${alertId}`]);
    const [alert] = await em.execute<AlertRow[]>(
      `select a.id, a.name, a.frequency, a.active, a.last_sent_at, a.unsubscribe_token, u.email,
              ${CONSENT_SQL} as consent, now() as cutoff
         from job_alerts a join users u on u.id = a.user_id
        where a.id = ?`,
      [alertId],
    );
    // Checked again under the lock: the user may have unsubscribed or withdrawn consent meanwhile.
    if (!alert || !alert.active || !alert.consent || alert.frequency !== pass.frequency) return { kind: 'skipped' };
    if ('force' in pass && !pass.force) {
      const lastSent = alert.last_sent_at === null ? null : asDate(alert.last_sent_at);
      if (!isDigestDue(pass.frequency, lastSent, now)) return { kind: 'skipped' };
    }

    const retries = (await em.execute<AlertJobRow[]>(
      `select ${ALERT_JOB_COLUMNS_SQL}
         from alert_deliveries d join jobs j on j.id = d.job_id
        where d.alert_id = ? and d.status = 'pending' and j.is_active
        order by j.created_at, j.id
        limit ?`,
      [alertId, MAX_JOBS_PER_EMAIL],
    )).map(toAlertJob);
    const room = MAX_JOBS_PER_EMAIL - retries.length;
    const matches = room > 0 ? await matchAlert(em, alertId, { limit: room }) : [];
    // A full page may have left matches behind: keep the alert's place so the next pass finds them.
    const complete = room > 0 && matches.length < room;

    let fresh: AlertJob[] = [];
    if (matches.length) {
      const inserted = await em.execute<{ job_id: string }[]>(
        `insert into alert_deliveries (id, alert_id, job_id, status, attempts, created_at)
         select x.id, ?, x.job_id, 'pending', 0, now() from jsonb_to_recordset(?::jsonb) as x(id text, job_id text)
         on conflict (alert_id, job_id) do nothing
         returning job_id`,
        [alertId, JSON.stringify(matches.map((job) => ({ id: newId(), job_id: job.id })))],
      );
      const ours = new Set(inserted.map((r) => r.job_id));
      fresh = matches.filter((job) => ours.has(job.id));
    }
    const jobs = [...retries, ...fresh].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const advance = async (sent: boolean) => {
      const sets = [...(complete ? ['last_run_at = ?'] : []), ...(sent ? ['last_sent_at = ?'] : [])];
      if (sets.length === 0) return;
      const params = [...(complete ? [asDate(alert.cutoff)] : []), ...(sent ? [now] : []), alertId];
      await em.execute(`update job_alerts set ${sets.join(', ')} where id = ?`, params);
    };
    if (jobs.length === 0) {
      await advance(false);
      return { kind: 'skipped' };
    }

    const ids = json(jobs.map((job) => job.id));
    const message = buildAlertEmail(templates, options.config, {
      alert: { id: alert.id, name: alert.name, frequency: alert.frequency, unsubscribeToken: alert.unsubscribe_token },
      recipient: alert.email,
      jobs,
    });
    try {
      const { messageId } = await mailer.send(message);
      await em.execute(
        `update alert_deliveries set status = 'sent', message_id = ?, sent_at = ?, attempts = attempts + 1
          where alert_id = ? and job_id in (select jsonb_array_elements_text(?::jsonb))`,
        [messageId.slice(0, 300), now, alertId, ids],
      );
      await advance(true);
      return { kind: 'sent', jobs: jobs.length };
    } catch (error) {
      await em.execute(
        `update alert_deliveries
            set attempts = attempts + 1, status = case when attempts + 1 >= ? then 'failed' else 'pending' end
          where alert_id = ? and job_id in (select jsonb_array_elements_text(?::jsonb))`,
        [MAX_SEND_ATTEMPTS, alertId, ids],
      );
      // The matches are recorded as pending now, so the place may move on: the retry finds them there.
      await advance(false);
      options.log?.(`alerts: email for alert ${alertId} (${jobs.length} jobs) failed, kept for the next pass: ${(error as Error).message}`);
      return { kind: 'failed', jobs: jobs.length };
    }
  });
}

async function runPasses(orm: MikroORM, mailer: Mailer, options: AlertSendOptions, alertIds: string[], pass: PassKind): Promise<AlertRunSummary> {
  const templates = options.templates ?? (await loadAlertTemplates());
  const summary: AlertRunSummary = { alerts: alertIds.length, emails: 0, jobs: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < alertIds.length) {
      const alertId = alertIds[next++]!;
      try {
        const outcome = await runAlertPass(orm, mailer, templates, options, alertId, pass);
        if (outcome.kind === 'sent') {
          summary.emails++;
          summary.jobs += outcome.jobs;
        } else if (outcome.kind === 'failed') {
          summary.failed++;
        }
      } catch (error) {
        // A bug or a lost database in one alert's pass: its transaction rolled back, nothing recorded; go on.
        summary.failed++;
        options.log?.(`alerts: pass for alert ${alertId} failed: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, alertIds.length)) }, worker));
  return summary;
}

/**
 * Sends the `instant` alerts: after a crawl, with the ids of the jobs it added, the alerts one of
 * those jobs matches (or that have sends to retry) are run; without `jobIds` (a sweep), every alert
 * with a new match or a send to retry. Each alert then gets every new match since its last run, not
 * only the given jobs. Nothing goes to users without consent or to inactive alerts.
 *
 * @example
 * const result = await runCrawl({ plugin, orm });
 * await sendInstantAlerts(orm, mailer, { config, jobIds: result.addedIds });
 */
export async function sendInstantAlerts(
  orm: MikroORM, mailer: Mailer, options: AlertSendOptions & { jobIds?: string[] },
): Promise<AlertRunSummary> {
  const { jobIds } = options;
  if (jobIds && jobIds.length === 0) return { alerts: 0, emails: 0, jobs: 0, failed: 0 };
  // Only alerts with something to send get a pass (a transaction and a lock each): sends to retry,
  // or a match among the given jobs, or (a sweep) any new match. The pass itself decides what goes.
  const candidates = jobIds
    ? `j.id in (select jsonb_array_elements_text(?::jsonb))`
    : `j.created_at > greatest(a.created_at, coalesce(a.last_run_at, a.created_at) - ?::interval)
       and not exists (select 1 from alert_deliveries d where d.alert_id = a.id and d.job_id = j.id)`;
  const rows = await orm.em.fork().execute<{ id: string }[]>(
    `select a.id from job_alerts a join users u on u.id = a.user_id ${ALERT_QUERY_JOIN_SQL}
      where a.active and a.frequency = 'instant' and ${CONSENT_SQL}
        and (exists (select 1 from alert_deliveries d where d.alert_id = a.id and d.status = 'pending')
             or exists (select 1 from jobs j where j.is_active and ${candidates} and ${ALERT_MATCHES_JOB_SQL}))
      order by a.id`,
    [jobIds ? json(jobIds) : `${MATCH_OVERLAP_MS} milliseconds`],
  );
  return runPasses(orm, mailer, options, rows.map((r) => r.id), { frequency: 'instant' });
}

/**
 * Sends the `daily` or `weekly` digests that are due at `now` (`isDigestDue`: at most one per
 * alert per period, so a late or repeated run sends nothing twice). `force` sends every such alert
 * its new matches whatever the time (the admin's "send digests now").
 *
 * @example
 * await sendDigests(orm, mailer, 'daily', new Date(), { config });
 */
export async function sendDigests(
  orm: MikroORM, mailer: Mailer, frequency: DigestFrequency, now: Date, options: AlertSendOptions & { force?: boolean },
): Promise<AlertRunSummary> {
  const rows = await orm.em.fork().execute<{ id: string; last_sent_at: Date | string | null }[]>(
    `select a.id, a.last_sent_at from job_alerts a join users u on u.id = a.user_id
      where a.active and a.frequency = ? and ${CONSENT_SQL}
      order by a.id`,
    [frequency],
  );
  const force = options.force ?? false;
  const due = rows.filter((r) => force || isDigestDue(frequency, r.last_sent_at === null ? null : asDate(r.last_sent_at), now));
  return runPasses(orm, mailer, { ...options, now }, due.map((r) => r.id), { frequency, force });
}
