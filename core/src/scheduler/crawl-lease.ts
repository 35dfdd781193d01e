import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';

/** The advisory-lock key of a source's crawl (one 64-bit key per source id). */
const keySql = `hashtextextended('pathfinder:crawl:' || ?, 0)`;

/**
 * A session-level advisory lock held, on a connection of its own, for as long as a worker runs a
 * source's crawl. Postgres drops it by itself when that worker dies (killed, crashed, cut off), so a
 * crawl job still `active` in pg-boss without its lease is an orphan, not a running crawl.
 */
export async function holdCrawlLease(connectionString: string, sourceId: string, onLost: () => void): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString, application_name: 'pathfinder-crawl-lease' });
  let released = false;
  // Without its lease a crawl could be taken for an orphan and run twice: losing it stops the crawl.
  const lost = () => {
    if (!released) {
      released = true;
      onLost();
    }
  };
  client.on('error', lost);
  client.on('end', lost);
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await client.query(`select pg_try_advisory_lock(${keySql.replace('?', '$1')}) as got`, [sourceId]);
      if (rows[0]?.got) break;
      // Another process is only peeking (see `isCrawlLeaseHeld`): it lets go at once.
      if (attempt >= 20) throw new Error(`the crawl lease of source ${sourceId} is held elsewhere`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    release: async () => {
      released = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** Whether some live session holds the source's crawl lease (a peek: a transaction lock, released at once). */
export async function isCrawlLeaseHeld(orm: MikroORM, sourceId: string): Promise<boolean> {
  const row = await orm.em.getConnection().execute<{ got: boolean }>(`select pg_try_advisory_xact_lock(${keySql}) as got`, [sourceId], 'get');
  return !row?.got;
}
