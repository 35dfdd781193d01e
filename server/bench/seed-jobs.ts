import type pg from 'pg';
import { INSERT_SQL, newId, toRecord } from '@pathfinder/core';
import { bulkLoadJobs } from './bulk-load-jobs.js';
import { generateJob, prng } from './generate-jobs.js';

// The crawl writer's statement with numbered parameters, sent with bound values (no client-side quoting of megabytes).
const INSERT = (() => {
  let n = 0;
  return INSERT_SQL.replace(/\?/g, () => `$${++n}`);
})();

/**
 * Inserts `count` generated jobs (spread over `sourceIds`) in batches on two connections, with the
 * expensive indexes dropped during the load and rebuilt after, then VACUUM ANALYZE ({@link bulkLoadJobs}).
 */
export async function seedJobs(databaseUrl: string, sourceIds: string[], count: number, batch = 2000): Promise<void> {
  await bulkLoadJobs(databaseUrl, async (clients) => {
    const rand = prng(20261126);
    const now = Date.now();
    let next = 0;
    const worker = async (client: pg.Client) => {
      while (next < count) {
        const start = next;
        next = Math.min(count, next + batch);
        const records = [];
        // Jobs are generated in order from one seeded stream, so the data is the same whatever the interleaving.
        for (let n = start; n < next; n++) records.push(toRecord(generateJob(n, rand, now), newId(), sourceIds[n % sourceIds.length]!));
        await client.query(INSERT, [new Date().toISOString(), JSON.stringify(records)]);
      }
    };
    await Promise.all(clients.map(worker));
  });
}
