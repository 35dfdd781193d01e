import os from 'node:os';

const MB = 1024 * 1024;

/**
 * The `-c name=value` settings the embedded server starts with. Besides where it listens and how
 * many connections it takes, it is sized for what it serves: a job search walks and rechecks
 * thousands of rows, and Postgres's stock 128 MB of shared buffers holds fewer than a third of the
 * rows of 200,000 jobs, so an uncached search paid for a read from the OS cache on most of them.
 * The server shares the machine with the app, so it takes an eighth of the memory (the usual
 * advice for a dedicated database server is a quarter), between 128 MB and 1 GB. Pages are only
 * resident once used: an idle cluster does not hold the whole amount.
 * `effective_cache_size` tells the planner how much of the data the OS cache can hold (half the
 * memory). (`random_page_cost` is set per connection by the ORM, for any server: see orm.ts.)
 *
 * @example
 * embeddedServerSettings(16 * 1024 ** 3); // [..., 'shared_buffers=1024MB', 'effective_cache_size=8192MB']
 */
export function embeddedServerSettings(totalMemory = os.totalmem()): string[] {
  const sharedBuffersMb = Math.min(1024, Math.max(128, Math.floor(totalMemory / 8 / MB)));
  const cacheMb = Math.max(sharedBuffersMb, Math.floor(totalMemory / 2 / MB));
  return [
    'listen_addresses=127.0.0.1',
    'max_connections=200',
    `shared_buffers=${sharedBuffersMb}MB`,
    `effective_cache_size=${cacheMb}MB`,
  ];
}
