import type { Command } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Migrate, then run only the crawl worker and schedules (scale-out)',
  usage: `Usage: pathfinder worker

Runs the worker without the API: crawls plugins on their schedules and on demand, fires
the cron jobs (daily link check, alert digests), one crawl per source at a time. Run any
number of workers, on any number of machines, against one DATABASE_URL; per-host crawl
delays hold across all of them. \`pathfinder serve\` processes beside them take the API.
SIGINT/SIGTERM stop it: running crawls are aborted and retried by a worker later.`,
  async run(argv) {
    parseCommandArgs(argv, {});
    const { loadConfig } = await import('@pathfinder/core');
    const { startProcess } = await import('../../runtime/start-process.js');
    await startProcess(loadConfig(), { api: false, worker: true });
    return -1;
  },
};
