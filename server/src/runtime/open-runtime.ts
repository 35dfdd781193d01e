import type { MikroORM } from '@mikro-orm/postgresql';
import { connectAndMigrate, openDatabase, type OpenedDatabase, type PathfinderConfig } from '@pathfinder/core';

/** The database side of a running process: the cluster (if embedded), the ORM, and how to close both. */
export interface Runtime {
  config: PathfinderConfig;
  db: OpenedDatabase;
  orm: MikroORM;
  /** Migrations applied by this start (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

/**
 * Opens the database (embedded or DATABASE_URL) and migrates it. Every command that needs data starts here.
 * `readReplica`: also open DATABASE_READ_URL (when set) as the ORM's read connection — for processes
 * that serve the API; a worker or a one-off command has no use for it and does not depend on it.
 */
export async function openRuntime(
  config: PathfinderConfig,
  log: (line: string) => void = () => undefined,
  { readReplica = false }: { readReplica?: boolean } = {},
): Promise<Runtime> {
  const readUrl = readReplica ? config.databaseReadUrl : undefined;
  const db = await openDatabase(config);
  if (db.cluster) {
    const where = db.cluster.clusterDir.startsWith(db.cluster.dataDir) ? db.cluster.dataDir : `${db.cluster.dataDir}, cluster in ${db.cluster.clusterDir}`;
    log(db.cluster.owned ? `embedded Postgres started (${where})` : `embedded Postgres reused (${where})`);
  }
  let orm: MikroORM;
  let applied: string[];
  try {
    ({ orm, applied } = await connectAndMigrate(db.url, { readUrl }));
  } catch (error) {
    await db.close();
    throw error;
  }
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  if (readUrl) log(`public reads (searches, job pages, sitemap) go to the replica at ${hostOf(readUrl)}`);
  let closing: Promise<void> | undefined;
  return {
    config, db, orm, applied,
    close: () => (closing ??= (async () => {
      await orm.close(true).catch(() => undefined);
      await db.close();
    })()),
  };
}

/** `host:port/database` of a URL, never its password. */
function hostOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** Runs `onSignal` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(onSignal: (signal: string) => Promise<void>): void {
  let done = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (done) return;
      done = true;
      onSignal(signal).then(() => process.exit(0), () => process.exit(1));
    });
  }
}
