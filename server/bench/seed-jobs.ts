import pg from 'pg';
import { INSERT_SQL, newId, toRecord } from '@pathfinder/core';
import { generateJob, prng } from './generate-jobs.js';

// The crawl writer's statement with numbered parameters, sent with bound values (no client-side quoting of megabytes).
const INSERT = (() => {
  let n = 0;
  return INSERT_SQL.replace(/\?/g, () => `$${++n}`);
})();

/** Indexes that are much cheaper to build once after a bulk load than to maintain row by row. */
const DEFERRED_INDEXES = ['jobs_search_vector_index', 'jobs_title_index', 'jobs_company_name_index'];

/**
 * Inserts `count` generated jobs (spread over `sourceIds`) in batches on two connections, with the
 * expensive indexes dropped during the load and rebuilt after, then VACUUM ANALYZE.
 */
export async function seedJobs(databaseUrl: string, sourceIds: string[], count: number, batch = 2000): Promise<void> {
  const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const [admin] = clients as [pg.Client, pg.Client];
    const { rows: defs } = await admin.query<{ indexdef: string }>(
      'select indexdef from pg_indexes where tablename = $1 and indexname = any($2)', ['jobs', DEFERRED_INDEXES]);
    for (const name of DEFERRED_INDEXES) await admin.query(`drop index if exists "${name}"`);

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

    await admin.query('set maintenance_work_mem = \'256MB\'');
    for (const { indexdef } of defs) await admin.query(indexdef);
    await admin.query('vacuum analyze jobs');
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
