import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource } from './seed-jobs.js';

const SLOTS = 2;
// The answer cache is off, so every search below runs in Postgres.
const t = useTestApp({ config: { searchConcurrency: SLOTS }, services: { searchCache: false } });

/** The searches running in Postgres now, waiting for the lock the test holds. */
async function searchesInPostgres(client: pg.Client): Promise<number> {
  // (Within a transaction, pg_stat_activity is read once and kept: read it afresh.)
  await client.query('select pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'with win as materialized%'");
  return rows[0]!.n;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('uncached searches', () => {
  it(`run at most ${SLOTS} at once in Postgres; the others wait their turn and are answered after`, async () => {
    const source = await seedSource(t.app, { name: 'Slots Board', pluginId: 'slots-board' });
    await seedJobs(t.app, source, [posting({ title: 'Millwright Apprentice', description: 'Keep the line running.' })]);
    // A transaction holding the jobs table stops every search at its first read of it.
    const blocker = new pg.Client({ connectionString: t.db.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table jobs in access exclusive mode');
      const searches = Array.from({ length: 5 }, (_, i) => t.app.inject({ method: 'GET', url: `/api/v1/jobs?q=millwright&limit=${i + 1}` }));
      await until(async () => (await searchesInPostgres(blocker)) >= SLOTS);
      // The other three wait in the process, not in Postgres.
      await new Promise((r) => setTimeout(r, 200));
      expect(await searchesInPostgres(blocker)).toBe(SLOTS);
      await blocker.query('rollback');
      const answers = await Promise.all(searches);
      for (const res of answers) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ total: 1, items: [{ title: 'Millwright Apprentice' }] });
      }
    } finally {
      await blocker.end();
    }
  });
});
