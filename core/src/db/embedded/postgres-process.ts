import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { PostgresAccount } from './postgres-account.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import { embeddedServerSettings } from './server-settings.js';

export interface ServerOptions {
  binaries: PostgresBinaries;
  clusterDir: string;
  account?: PostgresAccount;
  onLog: (line: string) => void;
}

/** What a program printed last, to explain a failure without a stack trace. */
class OutputTail {
  private lines: string[] = [];
  push(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((l) => l.trim()));
    this.lines = this.lines.slice(-8);
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

function spawnAs(program: string, args: string[], options: ServerOptions): ChildProcess {
  return spawn(program, args, {
    // The server's account may be unable to enter our working directory: start it from `/`.
    cwd: '/',
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.account ? { uid: options.account.uid, gid: options.account.gid } : {}),
  });
}

/** `initdb` on an empty cluster folder: UTF-8, SCRAM passwords, the superuser named in `user`. */
export async function initCluster(options: ServerOptions, user: string, password: string): Promise<void> {
  const pwDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pathfinder-initdb-'));
  const pwFile = path.join(pwDir, 'password');
  try {
    await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    if (options.account) {
      await fs.chown(pwDir, options.account.uid, options.account.gid);
      await fs.chown(pwFile, options.account.uid, options.account.gid);
    }
    const tail = new OutputTail();
    const child = spawnAs(
      options.binaries.initdb,
      [
        `--pgdata=${options.clusterDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${pwFile}`,
        '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C',
      ],
      options,
    );
    const onData = (chunk: Buffer) => {
      tail.push(chunk.toString());
      options.onLog(chunk.toString());
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    await new Promise<void>((resolve, reject) => {
      // 'error' (e.g. EACCES on spawn) must have a listener, or it is thrown as an unhandled event.
      child.once('error', (error) => reject(new Error(`initdb could not be started: ${error.message}`)));
      child.once('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `exit ${code}`}):\n${tail}`)),
      );
    });
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

/** A started server process; `stopped` settles when it exits. */
export interface ServerProcess {
  pid: number;
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

/** Starts `postgres` on the cluster and resolves once it accepts connections. */
export function startServer(options: ServerOptions, port: number, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawnAs(
    options.binaries.postgres,
    ['-D', options.clusterDir, '-p', String(port), ...embeddedServerSettings().flatMap((setting) => ['-c', setting])],
    options,
  );
  const tail = new OutputTail();
  const stopped = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise<ServerProcess>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`Postgres did not accept connections within ${timeoutMs / 1000} s:\n${tail}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail.push(text);
      options.onLog(text);
      // A standby says "ready to accept read-only connections".
      if (!ready && /database system is ready to accept (read-only )?connections/.test(text)) {
        ready = true;
        clearTimeout(timer);
        resolve({
          pid: child.pid!,
          stopped,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
            await stopped;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`postgres could not be started: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (ready) return;
      const text = tail.toString();
      if (/could not bind|Address already in use/i.test(text)) reject(new PortInUseError(text));
      else reject(new Error(`postgres exited during start (${signal ?? `exit ${code}`}):\n${text}`));
    });
  });
}
