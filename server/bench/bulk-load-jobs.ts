import pg from 'pg';

/** Indexes that are much cheaper to build once after a bulk load than to maintain row by row. */
const DEFERRED_INDEXES = ['jobs_search_vector_index', 'jobs_active_search_filters_index', 'jobs_active_province_newest_index', 'jobs_active_location_newest_index', 'jobs_title_index', 'jobs_company_name_index'];

/**
 * The frame of a bulk load into `jobs`: opens two connections, drops the expensive indexes, runs
 * `load` (which spreads its batches over both connections), rebuilds the indexes and runs VACUUM
 * ANALYZE. Both bench seeders (generated in Node, generated in SQL) load through it.
 */
export async function bulkLoadJobs(databaseUrl: string, load: (clients: pg.Client[]) => Promise<void>): Promise<void> {
  const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const [admin] = clients as [pg.Client, pg.Client];
    const { rows: defs } = await admin.query<{ indexdef: string }>(
      'select indexdef from pg_indexes where tablename = $1 and indexname = any($2)', ['jobs', DEFERRED_INDEXES]);
    for (const name of DEFERRED_INDEXES) await admin.query(`drop index if exists "${name}"`);
    await load(clients);
    await admin.query('set maintenance_work_mem = \'256MB\'');
    for (const { indexdef } of defs) await admin.query(indexdef);
    await admin.query('vacuum analyze jobs');
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
