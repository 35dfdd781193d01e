import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freePort, type EmbeddedCluster } from '../db/embedded-postgres.js';
import { postgresAccount, type PostgresAccount } from '../db/embedded/postgres-account.js';
import { locateBinaries } from '../db/embedded/postgres-binaries.js';
import { prepareClusterFolder } from '../db/embedded/cluster-folder.js';
import { startServer, type ServerProcess } from '../db/embedded/postgres-process.js';

/** A running streaming standby of an embedded cluster, and the handles a test needs on it. */
export interface ReplicaCluster {
  /** URL of `database` on the standby (same role and password as on the primary). */
  databaseUrl(database: string): string;
  /** Where the standby's files are. */
  clusterDir: string;
  /** Stops applying WAL (`pg_wal_replay_pause()`, resolved once paused): the standby keeps receiving but shows nothing new. */
  pauseReplay(): Promise<void>;
  /** Applies WAL again (`pg_wal_replay_resume()`). */
  resumeReplay(): Promise<void>;
  /** Resolves once the standby has replayed everything the primary had flushed when it was called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Stops the standby, drops its replication slot on the primary and deletes its files. */
  stop(): Promise<void>;
}

export interface StartReplicaOptions {
  /** An empty folder for the standby (its cluster lives in `dataDir/cluster`, or where the server's account can reach). */
  dataDir: string;
  /** The physical replication slot made on the primary (default `pathfinder_replica`). */
  slotName?: string;
  onLog?: (line: string) => void;
}

/**
 * Directories whose contents a base backup leaves out (PostgreSQL's "Making a Base Backup Using the
 * Low Level API"): they are rebuilt at start, and copying them could copy a half-written file or the
 * primary's own slots. The folders themselves are kept.
 */
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init']);

/** `fs.cp`'s filter for a base backup of `root`: what the low-level API says may be left out. */
function baseBackupFilter(root: string) {
  return async (source: string): Promise<boolean> => {
    const relative = path.relative(root, source);
    if (relative === '') return true;
    const parts = relative.split(path.sep);
    if (SKIPPED_FILES.has(parts.at(-1)!) || parts.some((p) => p.startsWith('pgsql_tmp'))) return false;
    if (EMPTIED.has(parts[0]) && parts.length > 1) {
      // Keep pg_wal's sub-folders (archive_status, summaries) empty: the server expects them there.
      if (parts[0] !== 'pg_wal') return false;
      try {
        return (await fs.stat(source)).isDirectory();
      } catch {
        return false;
      }
    }
    return true;
  };
}

/** `chown -R` to the server's account: the copy was made by root. */
async function chownTree(dir: string, account: PostgresAccount): Promise<void> {
  await fs.chown(dir, account.uid, account.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, account);
    else await fs.lchown(full, account.uid, account.gid);
  }
}

/** A libpq connection-string value, quoted (`'…'` with `\` escapes). */
const conninfoValue = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** A postgresql.conf string value (`'…'` with `''` for a quote). */
const confString = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Makes a streaming standby of a running embedded cluster and starts it, the way `pg_basebackup -R`
 * would (the embedded package ships only `initdb`, `pg_ctl` and `postgres`): a physical replication
 * slot on the primary (so the WAL written meanwhile is kept), `pg_backup_start` on one session, a
 * copy of the data folder without what a base backup leaves out, `pg_backup_stop` on the same
 * session and its label written as `backup_label`, then `standby.signal`, `primary_conninfo` and
 * `primary_slot_name`. The standby runs as the same account as the primary (`postgres` when this
 * process is root) on a port of its own, and streams from the primary over 127.0.0.1 (initdb's
 * `pg_hba.conf` allows replication connections from there). Resolves once it is streaming.
 *
 * For tests: the standby's files are in `options.dataDir` (or under /var/lib/pathfinder when the
 * account cannot enter it), and `stop()` deletes them.
 *
 * @example
 * const primary = await startEmbeddedPostgres({ dataDir: primaryDir });
 * const replica = await startReplica(primary, { dataDir: replicaDir });
 * await replica.waitForReplay();
 * await replica.stop();
 */
export async function startReplica(primary: EmbeddedCluster, options: StartReplicaOptions): Promise<ReplicaCluster> {
  const onLog = options.onLog ?? (() => undefined);
  const slot = options.slotName ?? 'pathfinder_replica';
  const primaryUrl = new URL(primary.adminUrl);
  const user = decodeURIComponent(primaryUrl.username);
  const password = decodeURIComponent(primaryUrl.password);

  const account = await postgresAccount();
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = await prepareClusterFolder(dataDir, account, onLog);
  const binaries = await locateBinaries(account, onLog);

  // One session for start and stop: the non-exclusive backup belongs to the session that began it.
  await withClient(primary.adminUrl, async (client) => {
    await client.query('select pg_create_physical_replication_slot($1, true)', [slot]);
    await client.query(`select pg_backup_start('pathfinder replica', true)`);
    let stopped = false;
    try {
      await fs.cp(primary.clusterDir, clusterDir, { recursive: true, filter: baseBackupFilter(primary.clusterDir), verbatimSymlinks: true });
      const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>('select labelfile, spcmapfile from pg_backup_stop(false)');
      stopped = true;
      await fs.writeFile(path.join(clusterDir, 'backup_label'), rows[0].labelfile, { mode: 0o600 });
      if (rows[0].spcmapfile) await fs.writeFile(path.join(clusterDir, 'tablespace_map'), rows[0].spcmapfile, { mode: 0o600 });
    } finally {
      if (!stopped) await client.query('select pg_backup_stop(false)').catch(() => undefined);
    }
  });

  const conninfo = [
    `host=127.0.0.1`, `port=${primaryUrl.port}`, `user=${conninfoValue(user)}`, `password=${conninfoValue(password)}`,
    `application_name=${conninfoValue(slot)}`,
  ].join(' ');
  await fs.appendFile(
    path.join(clusterDir, 'postgresql.auto.conf'),
    `\n# Written by startReplica: stream from the primary through its slot.\nprimary_conninfo = ${confString(conninfo)}\nprimary_slot_name = ${confString(slot)}\n`,
  );
  await fs.writeFile(path.join(clusterDir, 'standby.signal'), '');
  if (account) await chownTree(clusterDir, account);
  // Postgres refuses a data folder others may read.
  await fs.chmod(clusterDir, 0o700);

  const port = await freePort();
  let server: ServerProcess;
  try {
    server = await startServer({ binaries, clusterDir, account, onLog }, port);
  } catch (error) {
    await withClient(primary.adminUrl, (c) => c.query('select pg_drop_replication_slot($1)', [slot])).catch(() => undefined);
    throw error;
  }
  const databaseUrl = (database: string) => {
    const url = new URL(primary.databaseUrl(database));
    url.port = String(port);
    return url.toString();
  };
  const adminUrl = databaseUrl('postgres');

  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`The replica did not ${what} within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  };
  const replica: ReplicaCluster = {
    databaseUrl,
    clusterDir,
    pauseReplay: () => withClient(adminUrl, async (c) => {
      await c.query('select pg_wal_replay_pause()');
      // The call only requests the pause; the startup process takes it before its next record.
      await waitFor('pause', async () => (await c.query<{ s: string }>('select pg_get_wal_replay_pause_state() as s')).rows[0].s === 'paused', 5000);
    }),
    resumeReplay: () => withClient(adminUrl, async (c) => void (await c.query('select pg_wal_replay_resume()'))),
    async waitForReplay(timeoutMs = 15_000) {
      const { rows } = await withClient(primary.adminUrl, (c) => c.query<{ lsn: string }>('select pg_current_wal_flush_lsn()::text as lsn'));
      await withClient(adminUrl, (c) =>
        waitFor('catch up', async () => (await c.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [rows[0].lsn])).rows[0].ok, timeoutMs),
      );
    },
    async stop() {
      await server.stop();
      await withClient(primary.adminUrl, (c) => c.query('select pg_drop_replication_slot($1)', [slot])).catch(() => undefined);
      await fs.rm(clusterDir, { recursive: true, force: true });
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await withClient(adminUrl, (c) =>
      waitFor('start streaming', async () => (await c.query(`select 1 from pg_stat_wal_receiver where status = 'streaming'`)).rowCount === 1, 15_000),
    );
  } catch (error) {
    await replica.stop();
    throw error;
  }
  return replica;
}
