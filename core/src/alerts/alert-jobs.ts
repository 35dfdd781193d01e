import type { MikroORM } from '@mikro-orm/postgresql';
import type { Mailer } from '../mail/mailer.js';
import { ALERTS_DIGEST_QUEUE, ALERTS_INSTANT_QUEUE } from '../scheduler/queues.js';
import type { AlertMailConfig } from './alert-email.js';
import { DIGEST_SCHEDULES, DIGEST_TIMEZONE, type DigestFrequency } from './digest-schedule.js';
import { sendDigests, sendInstantAlerts, type AlertRunSummary } from './send-alerts.js';

/**
 * Queues: `alerts-instant` takes `{ jobIds?: string[] }` (without ids: every instant alert, a sweep);
 * `alerts-digest` takes `{ frequency, force? }` (digests on demand).
 *
 * pg-boss 10 names a cron schedule after the queue it fills, one schedule per name: each digest and
 * the sweep get a queue of their own, all with the same handlers.
 */
export const ALERT_SCHEDULES = {
  daily: { name: 'alerts-digest:daily', cron: DIGEST_SCHEDULES.daily, data: { frequency: 'daily' } },
  weekly: { name: 'alerts-digest:weekly', cron: DIGEST_SCHEDULES.weekly, data: { frequency: 'weekly' } },
  /** Retries instant emails that failed, and catches anything a crawl's own pass missed. */
  instantSweep: { name: 'alerts-instant:sweep', cron: '*/30 * * * *', data: {} },
} as const;

/** Above this many new jobs a crawl's instant pass skips the job-id narrowing (a sweep is cheaper than a huge payload). */
const MAX_JOB_IDS = 1000;

export interface InstantJobData {
  jobIds?: string[];
}
export interface DigestJobData {
  frequency: DigestFrequency;
  force?: boolean;
}

/**
 * The little of a scheduler the alerts need (the engine's `Scheduler` has it): queue handlers that
 * get an array of jobs and throw to have them retried, cron schedules in a time zone, a way to
 * enqueue, and optionally a hook after each crawl.
 */
export interface AlertJobScheduler {
  registerHandler(
    queue: string,
    handler: (jobs: { data: unknown }[]) => Promise<unknown>,
    options?: { queue?: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; expireInSeconds?: number } },
  ): Promise<void>;
  ensureSchedule(name: string, cron: string, data?: object, options?: { tz?: string }): Promise<void>;
  send(queue: string, data: object): Promise<string | null>;
  onCrawlFinished?(listener: (event: { result: { addedIds: string[] } }) => void | Promise<void>): void;
}

export interface AlertJobDeps {
  orm: MikroORM;
  mailer: Mailer;
  config: AlertMailConfig;
  log?: (line: string) => void;
}

/** What the API needs once the alert jobs are registered. */
export interface AlertJobs {
  /** Queues the daily and weekly digests to run now (`force`: whatever the time); returns the job ids. */
  enqueueDigests(options?: { force?: boolean }): Promise<(string | null)[]>;
  /** Queues an instant pass for jobs just added (or a sweep without ids). */
  enqueueInstant(jobIds?: string[]): Promise<string | null>;
}

function asInstantData(data: unknown): InstantJobData {
  const ids = (data as InstantJobData | null)?.jobIds;
  return Array.isArray(ids) ? { jobIds: ids.filter((id): id is string => typeof id === 'string') } : {};
}

function asDigestData(data: unknown): DigestJobData {
  const d = (data ?? {}) as Partial<DigestJobData>;
  if (d.frequency !== 'daily' && d.frequency !== 'weekly') throw new Error(`alerts: digest job without a valid frequency: ${JSON.stringify(data)}`);
  return { frequency: d.frequency, force: d.force === true };
}

/** A failed email makes the job fail, so pg-boss retries it: alerts sent already are not due any more. */
function throwOnFailures(what: string, summary: AlertRunSummary): AlertRunSummary {
  if (summary.failed > 0) throw new Error(`alerts: ${summary.failed} ${what} email(s) failed; kept for a retry`);
  return summary;
}

/**
 * Wires the alerts into the scheduler: handlers for the instant and digest queues, the cron
 * schedules (daily 08:00 and Mondays 08:00 America/Toronto, and a half-hourly instant sweep), and
 * an instant pass queued after every crawl that added jobs. Call it after the scheduler started.
 *
 * @example
 * await scheduler.start();
 * const alertJobs = await registerAlertJobs(scheduler, { orm, mailer, config });
 * await alertJobs.enqueueDigests({ force: true });
 */
export async function registerAlertJobs(scheduler: AlertJobScheduler, deps: AlertJobDeps): Promise<AlertJobs> {
  const { orm, mailer, config, log } = deps;
  const onInstant = async (jobs: { data: unknown }[]) => {
    const results = [];
    for (const job of jobs) {
      const { jobIds } = asInstantData(job.data);
      results.push(throwOnFailures('instant', await sendInstantAlerts(orm, mailer, { config, log, jobIds })));
    }
    return results;
  };
  const onDigest = async (jobs: { data: unknown }[]) => {
    const results = [];
    for (const job of jobs) {
      const { frequency, force } = asDigestData(job.data);
      results.push(throwOnFailures(`${frequency} digest`, await sendDigests(orm, mailer, frequency, new Date(), { config, log, force })));
    }
    return results;
  };
  const retry = { queue: { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600 } };
  await scheduler.registerHandler(ALERTS_INSTANT_QUEUE, onInstant, retry);
  await scheduler.registerHandler(ALERT_SCHEDULES.instantSweep.name, onInstant, { queue: { retryLimit: 0, expireInSeconds: 1800 } });
  await scheduler.registerHandler(ALERTS_DIGEST_QUEUE, onDigest, retry);
  for (const frequency of ['daily', 'weekly'] as const) {
    const schedule = ALERT_SCHEDULES[frequency];
    await scheduler.registerHandler(schedule.name, onDigest, retry);
    await scheduler.ensureSchedule(schedule.name, schedule.cron, schedule.data, { tz: DIGEST_TIMEZONE });
  }
  const sweep = ALERT_SCHEDULES.instantSweep;
  await scheduler.ensureSchedule(sweep.name, sweep.cron, sweep.data, { tz: DIGEST_TIMEZONE });

  const enqueueInstant = (jobIds?: string[]) =>
    scheduler.send(ALERTS_INSTANT_QUEUE, jobIds && jobIds.length <= MAX_JOB_IDS ? { jobIds } : {});
  scheduler.onCrawlFinished?.(async ({ result }) => {
    if (result.addedIds.length === 0) return;
    try {
      await enqueueInstant(result.addedIds);
    } catch (error) {
      // The crawl itself succeeded; the half-hourly sweep sends these jobs if this enqueue failed.
      log?.(`alerts: could not queue the instant pass after a crawl: ${(error as Error).message}`);
    }
  });

  return {
    enqueueDigests: ({ force = false } = {}) =>
      Promise.all((['daily', 'weekly'] as const).map((frequency) => scheduler.send(ALERTS_DIGEST_QUEUE, { frequency, force }))),
    enqueueInstant,
  };
}
