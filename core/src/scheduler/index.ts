export { Scheduler, type SchedulerOptions, type QueueHandler, type QueueJob, type HandlerOptions } from './scheduler.js';
export { PostgresDelayCoordinator, type PostgresDelayCoordinatorOptions } from './postgres-delay-coordinator.js';
export { cronProblem, assertCron, nextCronTime, DEFAULT_TIMEZONE } from './cron.js';
export {
  validatePluginConfig, type PluginPatch, type PluginStatus, type PluginLastRun,
} from './plugin-control.js';
export type { EnqueueResult, CrawlInFlight } from './enqueue-crawl.js';
export type { CrawlFinishedEvent, CrawlFinishedListener } from './crawl-job-handler.js';
export {
  CRAWL_QUEUE, LINK_CHECK_QUEUE, ALERTS_INSTANT_QUEUE, ALERTS_DIGEST_QUEUE, SCHEDULE_PREFIX, scheduleQueueName,
  type CrawlJobData, type CrawlTrigger,
} from './queues.js';
