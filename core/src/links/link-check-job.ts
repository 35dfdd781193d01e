import type { Scheduler } from '../scheduler/scheduler.js';
import { DEFAULT_TIMEZONE } from '../scheduler/cron.js';
import { LINK_CHECK_QUEUE } from '../scheduler/queues.js';
import { runLinkCheck, type LinkCheckOptions } from './run-link-check.js';

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
  }, {
    // One link check at a time across all workers; a run may take hours at polite delays.
    queue: { policy: 'stately', retryLimit: 1, retryDelay: 600, expireInSeconds: 23 * 3600 },
  });
  await scheduler.ensureSchedule(LINK_CHECK_QUEUE, options.cron ?? '0 3 * * *', {}, { tz: options.tz ?? DEFAULT_TIMEZONE });
}
