import path from 'node:path';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PathfinderConfig } from '../config/load-config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedCluster } from './embedded-postgres.js';
import { createOrm } from './orm.js';
import { migrate } from './migrate.js';

export const DEFAULT_DATABASE = 'pathfinder';

export interface OpenedDatabase {
  url: string;
  /** The embedded cluster when this process started or reused one; undefined with DATABASE_URL. */
  cluster?: EmbeddedCluster;
  /** Stops the embedded server if this process started it. */
  close(): Promise<void>;
  /** Drops the database (scratch databases only), then closes. */
  dropAndClose(): Promise<void>;
}

/**
 * Resolves the database to use: `DATABASE_URL` as given, or an embedded Postgres in
 * `dataDir/pg` with the `pathfinder` database created on first run.
 */
export async function openDatabase(
  config: Pick<PathfinderConfig, 'databaseUrl' | 'dataDir'>,
  options: { databaseName?: string; onLog?: (line: string) => void } & Record<string, unknown> = {},
): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return { url, close: async () => undefined, dropAndClose: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), onLog: options.onLog });
  const name = options.databaseName ?? DEFAULT_DATABASE;
  try {
    await ensureDatabase(cluster.adminUrl, name);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    url: cluster.databaseUrl(name),
    cluster,
    close: () => cluster.stop(),
    dropAndClose: async () => {
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
      await client.end();
      await cluster.stop();
    },
  };
}

/** Opens the ORM on `url` and applies pending migrations. */
export async function connectAndMigrate(url: string): Promise<{ orm: MikroORM; applied: string[] }> {
  const orm = await createOrm(url);
  try {
    const applied = await migrate(orm);
    return { orm, applied };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
