/** Names and payloads of the pg-boss queues the engine uses. */

/** Crawls to run, one job per run: `{ sourceId, pluginId, trigger, runId? }`, singleton per source. */
export const CRAWL_QUEUE = 'crawl';
/** The daily link validation. */
export const LINK_CHECK_QUEUE = 'link-check';
/** Hooks for the alerts module (it registers their handlers and cron schedules). */
export const ALERTS_INSTANT_QUEUE = 'alerts-instant';
export const ALERTS_DIGEST_QUEUE = 'alerts-digest';

/**
 * pg-boss 10 names a schedule after the queue it sends to, so each plugin has a tiny queue of its
 * own that its cron fills; its handler turns each tick into a crawl job (or nothing, when one is
 * already queued or running).
 */
export const SCHEDULE_PREFIX = 'crawl:';
export const scheduleQueueName = (pluginId: string): string => `${SCHEDULE_PREFIX}${pluginId}`;
export const pluginIdOfSchedule = (name: string): string | undefined =>
  name.startsWith(SCHEDULE_PREFIX) ? name.slice(SCHEDULE_PREFIX.length) : undefined;

export type CrawlTrigger = 'schedule' | 'manual' | 'cli' | 'retry';

export interface CrawlJobData {
  sourceId: string;
  pluginId: string;
  trigger: CrawlTrigger;
  /** The `queued` ScrapeLog created at enqueue time (the first attempt fills it). */
  runId?: string;
}

export interface ScheduleTickData {
  pluginId: string;
}
