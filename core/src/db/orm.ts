import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { entities } from './entities/index.js';
import { migrationsList } from './migrations/index.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Planner settings for each new pooled connection. `random_page_cost` 4 (Postgres' default) prices
 * a random read like a spinning disk's, so a full-text search matching a quarter of the jobs was
 * planned as a sequential scan testing every row's tsvector (790 ms on 200,000 jobs) instead of a
 * GIN bitmap scan (130 ms). 1.1 is the usual value for data on SSDs or in memory; set per
 * connection so it needs no rights over the database.
 */
const CONNECTION_SETTINGS = 'set random_page_cost = 1.1';

function tuneConnection(connection: { query: (sql: string, callback: (error: Error | null) => void) => void }, done: (error: Error | null, connection: unknown) => void): void {
  connection.query(CONNECTION_SETTINGS, (error) => done(error, connection));
}

/** The ORM options every process uses; `clientUrl` is the only thing that differs. */
export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Migrations are imported, not globbed from disk, so they load the same under tsx, vitest and a bundle.
    migrations: {
      migrationsList,
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
    forceUtcTimezone: true,
    debug: false,
    allowGlobalContext: false,
    ...extra,
  };
}

export type Orm = MikroORM;

export function createOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}
