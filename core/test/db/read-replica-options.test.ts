import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { User } from '../../src/db/entities/index.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { createOrm, hasReadReplica, READ_APPLICATION_NAME, readReplicaOptions } from '../../src/db/orm.js';
import { probeDatabase } from '../../src/db/probe-database.js';
import { useTestDatabase } from '../../src/testing/index.js';

// The routing rules of DATABASE_READ_URL on one database: the "replica" here is the same database,
// and the read connections' application_name tells which connection a query used.
// server/test/read-replica.test.ts runs them against a real standby.

const db = useTestDatabase();
const appName = "select current_setting('application_name') as name";

describe('the read connection', () => {
  it('is the primary when no replica is configured', async () => {
    expect(readReplicaOptions(undefined)).toEqual({});
    expect(hasReadReplica(db.orm)).toBe(false);
    expect(db.orm.em.getConnection('read')).toBe(db.orm.em.getConnection('write'));
  });

  it('with a replica, only reads that ask for it go there: entity lookups and raw SQL stay on the primary', async () => {
    const orm = await createOrm(db.url, readReplicaOptions(db.url));
    try {
      expect(hasReadReplica(orm)).toBe(true);
      const [read] = await orm.em.getConnection('read').execute<{ name: string }[]>(appName);
      expect(read!.name).toBe(READ_APPLICATION_NAME);
      const [write] = await orm.em.getConnection().execute<{ name: string }[]>(appName);
      expect(write!.name).not.toBe(READ_APPLICATION_NAME);
      // Which replica connections last ran a query on users, asked outside both pools (pg_stat_activity
      // shows an idle connection's last query).
      const replicaUserQueries = async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ count: number }>(
            `select count(*)::int as count from pg_stat_activity where datname = current_database() and application_name = $1 and query like '%from "users"%'`, [READ_APPLICATION_NAME]);
          return rows[0]!.count;
        } finally {
          await client.end();
        }
      };
      // MikroORM's default would send this find (outside a transaction) to the replica.
      await orm.em.fork().find(User, { email: 'nobody@example.test' });
      expect(await replicaUserQueries()).toBe(0);
      // Asked for by name, it goes there.
      await orm.em.fork().find(User, { email: 'nobody@example.test' }, { connectionType: 'read' });
      expect(await replicaUserQueries()).toBeGreaterThan(0);
      // Same connection settings on the replica's pool as on the primary's.
      const [tuned] = await orm.em.getConnection('read').execute<{ cost: string }[]>("select current_setting('random_page_cost') as cost");
      expect(tuned!.cost).toBe('1.1');
    } finally {
      await orm.close(true);
    }
  });
});

describe('probeDatabase', () => {
  it('names the variable the unreachable URL came from, never its password', async () => {
    const url = `postgres://pf:hunter2pw@127.0.0.1:${await freePort()}/pathfinder`;
    const error = await probeDatabase(url, { variable: 'DATABASE_READ_URL', timeoutMs: 3000 }).catch((e: unknown) => e as Error & { code: string });
    expect(error).toMatchObject({ code: 'PF_ERR_DB_UNAVAILABLE' });
    expect(error!.message).toMatch(/The database at 127\.0\.0\.1:\d+\/pathfinder could not be reached .*Check DATABASE_READ_URL/);
    expect(error!.message).not.toContain('hunter2pw');
  });
});
