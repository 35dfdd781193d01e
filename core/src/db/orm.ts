import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { entities } from './entities/index.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Planner settings for each new pooled connection. `random_page_cost` 4 (Postgres' default) prices
 * a random read like a spinning disk's, so a full-text search matching a quarter of the jobs was
 * planned as a sequential scan testing every row's tsvector (790 ms on 200,000 jobs) instead of a
 * GIN bitmap scan (130 ms). 1.1 is the usual value for data on SSDs or in memory.
 * `cpu_index_tuple_cost` 0.005 (the default) prices each entry of a GIN bitmap at a twentieth of a
 * row read, where building the bitmap costs ~0.6 µs per match against ~5 µs per row read (measured
 * on 200,000 jobs): a broad word's count then built a bitmap of 36,000 matches (21 ms) instead of
 * reading the few thousand newest rows that hold 500 of them. 0.05 prices it as measured (uncached
 * searches: p50 14.4 -> 11.8 ms in Postgres). `synchronize_seqscans` off: a search's count reads
 * matches until it has 500, and for a common word a sequential scan is the cheapest way to find them
 * (a few thousand rows). Synchronized, each scan starts where the last one stopped, on pages that a
 * sequential scan's small buffer ring never keeps, so every search read ~450 pages from the OS
 * (19-33 ms); from the table's start it finds them in shared buffers (1-2 ms). All three are set
 * per connection, so they need no rights over the database.
 */
const CONNECTION_SETTINGS = 'set random_page_cost = 1.1; set cpu_index_tuple_cost = 0.05; set synchronize_seqscans = off';

function tuneConnection(connection: { query: (sql: string, callback: (error: Error | null) => void) => void }, done: (error: Error | null, connection: unknown) => void): void {
  connection.query(CONNECTION_SETTINGS, (error) => done(error, connection));
}

/** The ORM options every process uses; `clientUrl` is the only thing that differs. */
export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities,
    // No `extensions: [Migrator]` and no `migrationsList` here: `loadMigrator` (migrate.ts) imports
    // both when a migration is pending, so a process started on an up-to-date database never loads
    // @mikro-orm/migrations. The list is imported, not globbed from disk, so it loads the same under
    // tsx, vitest and the compiled build.
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot-pathfinder',
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    pool: { min: 0, max: 10, afterCreate: tuneConnection },
    // With a read replica configured, MikroORM would send every find/count outside a transaction to
    // it by default, auth lookups included (a user who just registered could not sign in until the
    // replica caught up). Only the reads that ask for `getConnection('read')` go there.
    preferReadReplicas: false,
    forceUtcTimezone: true,
    debug: false,
    allowGlobalContext: false,
    ...extra,
  };
}

export type Orm = MikroORM;

/**
 * The options that add a streaming replica as the ORM's read connection: `em.getConnection('read')`
 * then queries it (the pool and connection settings are the primary's), while every other query,
 * `em.find` included, stays on the primary (`preferReadReplicas: false` in {@link ormOptions}).
 * Without a replica, `getConnection('read')` is the primary's connection, so reads that ask for it
 * behave exactly as before.
 *
 * @example
 * const orm = await createOrm(config.databaseUrl, readReplicaOptions(config.databaseReadUrl));
 */
export function readReplicaOptions(readUrl: string | undefined): Partial<Options> {
  if (!readUrl) return {};
  // Named, so an operator can tell our replica connections apart in the replica's pg_stat_activity.
  return { replicas: [{ name: 'read-replica', clientUrl: readUrl, driverOptions: { connection: { application_name: READ_APPLICATION_NAME } } }] };
}

/** The `application_name` of the read replica's connections. */
export const READ_APPLICATION_NAME = 'pathfinder-read';

/** True when the ORM has a read replica (`getConnection('read')` is not the primary). */
export function hasReadReplica(orm: MikroORM): boolean {
  return (orm.config.get('replicas')?.length ?? 0) > 0;
}

export function createOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}
