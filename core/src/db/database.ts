import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors/codes.js';
import pg from 'pg';
import { probeDatabase } from './probe-database.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PathfinderConfig } from '../config/load-config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedCluster } from './embedded-postgres.js';
import { createOrm, readReplicaOptions } from './orm.js';
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
  await assertWritableDataDir(config.dataDir);
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

export { probeDatabase } from './probe-database.js';

/**
 * The data folder exists (made if missing) and this user may write in it; else one coded error that
 * names the folder and what to do. Without it a read-only folder surfaced as `ENOENT … mkdir` from
 * deep inside the embedded cluster's start.
 */
export async function assertWritableDataDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fsConstants.W_OK);
    // access() trusts mode bits; a read-only mount says so only on a real write.
    const probe = path.join(dir, `.write-check-${process.pid}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CoreError('PF_ERR_CONFIG', `The data folder ${dir} cannot be written (${code}). Set PATHFINDER_DATA_DIR to a folder this user may write, or make this one writable (it holds the embedded database and the secret key).`, { cause: error });
  }
}

/**
 * Opens the ORM on `url` and applies pending migrations (always on the primary). With `readUrl`, a
 * streaming replica becomes the ORM's read connection (see `readReplicaOptions`); it is probed too,
 * so a wrong DATABASE_READ_URL stops the start with a message naming it rather than failing searches.
 */
export async function connectAndMigrate(url: string, options: { readUrl?: string } = {}): Promise<{ orm: MikroORM; applied: string[] }> {
  // A clear message within 10 s when nothing answers, instead of the pool's timeout long after.
  await probeDatabase(url);
  if (options.readUrl) await probeDatabase(options.readUrl, { variable: 'DATABASE_READ_URL' });
  const orm = await createOrm(url, readReplicaOptions(options.readUrl));
  try {
    const applied = await migrate(orm);
    return { orm, applied };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
