import type { Scheduler } from '../scheduler/scheduler.js';
import { DEFAULT_TIMEZONE } from '../scheduler/cron.js';
import { LINK_CHECK_QUEUE } from '../scheduler/queues.js';
import { runLinkCheck, type LinkCheckOptions } from './run-link-check.js';

// One link check at a time across all workers (and one waiting); a run may take hours at polite delays.
const LINK_CHECK_QUEUE_OPTIONS = { policy: 'stately', retryLimit: 1, retryDelay: 600, expireInSeconds: 23 * 3600 } as const;

export interface LinkCheckJobOptions {
  /** Default every day at 03:00 (in `tz`). */
  cron?: string;
  /** Default America/Toronto. */
  tz?: string;
  /** Passed to every run (tests: a clock, a transport). */
  check?: Omit<LinkCheckOptions, 'signal' | 'coordinator'>;
}

/**
 * Puts the link validation on the scheduler: a daily cron on the `link-check` queue, and (in a
 * worker) its handler. Runs share the crawls' per-host delays through the scheduler's coordinator.
 * Call after `scheduler.start()`.
 *
 * @example
 * await scheduler.start();
 * await registerLinkCheck(scheduler);
 */
export async function registerLinkCheck(scheduler: Scheduler, options: LinkCheckJobOptions = {}): Promise<void> {
  await scheduler.registerHandler(LINK_CHECK_QUEUE, async () => {
    const summary = await runLinkCheck(scheduler.orm, {
      log: scheduler.log,
      allowedPrivateHosts: scheduler.options.allowedPrivateHosts,
      ...options.check,
      signal: scheduler.shutdownSignal,
      coordinator: (signal) => scheduler.coordinatorFor(signal),
    });
    return summary;
  }, { queue: LINK_CHECK_QUEUE_OPTIONS });
  await scheduler.ensureSchedule(LINK_CHECK_QUEUE, options.cron ?? '0 3 * * *', {}, { tz: options.tz ?? DEFAULT_TIMEZONE });
}

/**
 * Queues a link check now (an admin's "check links"), for whichever worker takes it. Returns the
 * job id, or null when a check is already waiting (the queue holds one waiting and one running).
 *
 * @example
 * const jobId = await queueLinkCheck(scheduler);
 */
export async function queueLinkCheck(scheduler: Scheduler): Promise<string | null> {
  await scheduler.prepareQueue(LINK_CHECK_QUEUE, LINK_CHECK_QUEUE_OPTIONS);
  return scheduler.send(LINK_CHECK_QUEUE, {});
}
