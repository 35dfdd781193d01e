/**
 * Real processes for the fault tests of issue 14: a Postgres cluster of the test's own (stopped and
 * started again at will, on the same port), `pathfinder worker`/`start` child processes, and the
 * recorded CivicJobs site behind a gate that holds the feed request, so a crawl is in flight for as
 * long as the test wants.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, loadPlugins, Scheduler, startEmbeddedPostgres, createOrm, type EmbeddedCluster } from '@pathfinder/core';
import { serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { PATHFINDER_BIN, REPO } from '../scaffold/child-process.js';

/** Polls `check` until it returns a truthy value; the deadline only bounds a broken test. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, deadlineMs = 60_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A cluster in a temp folder that the test can stop and start again on the same port. */
export interface OwnCluster {
  url: string;
  dir: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes the folder. */
  dispose(): Promise<void>;
}

export async function startOwnCluster(database = 'pathfinder'): Promise<OwnCluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-fault-'));
  const dataDir = path.join(dir, 'pg');
  let cluster: EmbeddedCluster | undefined = await startEmbeddedPostgres({ dataDir });
  await ensureDatabase(cluster.adminUrl, database);
  const url = cluster.databaseUrl(database);
  const port = Number(new URL(url).port);
  return {
    url,
    dir,
    async stop() {
      await cluster?.stop();
      cluster = undefined;
    },
    async restart() {
      cluster ??= await startEmbeddedPostgres({ dataDir, port });
    },
    async dispose() {
      await cluster?.stop();
      cluster = undefined;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** One query on a connection of its own (the database may have been restarted since the last one). */
export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The recorded CivicJobs site, whose feed requests wait while the gate is closed. */
export interface HeldSite {
  origin: string;
  /** Feed requests that arrived (held or not). */
  feedRequests: number;
  /** Feed requests arriving from now on wait until `release()`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

const CIVICJOBS_SITE = path.join(REPO, 'plugins/civicjobs/test/fixtures/site');

export async function startHeldSite(): Promise<HeldSite> {
  const fixtures: FixtureServer = await serveFixtures(CIVICJOBS_SITE);
  let holding = false;
  let waiting: (() => void)[] = [];
  const site = {
    origin: '',
    feedRequests: 0,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const go of waiting) go();
      waiting = [];
    },
    close: async () => {
      site.release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fixtures.close();
    },
  };
  // A front that passes everything to the recorded pages, except that a held feed request hangs:
  // the crawl is then mid-flight, waiting on the site, for as long as the test needs.
  const server = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request(`${fixtures.origin}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(fixtures.origin).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (req.url?.startsWith('/rss')) {
      site.feedRequests++;
      if (holding) {
        waiting.push(forward);
        return;
      }
    }
    forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return site;
}

/** A `pathfinder` child process whose stderr the test reads. */
export interface PathfinderProcess {
  child: ChildProcess;
  output(): string;
  alive(): boolean;
  /** Resolves once a line of its output matches `pattern`. */
  waitForLine(pattern: RegExp, what: string, deadlineMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Knobs that keep the fault tests within a minute: retries, the orphan sweep and its grace in seconds. */
export const FAST_RECOVERY_ENV = {
  PATHFINDER_CRAWL_RETRY_DELAY_SECONDS: '1',
  PATHFINDER_ORPHAN_SWEEP_SECONDS: '1',
  PATHFINDER_ORPHAN_GRACE_SECONDS: '2',
};

export function spawnPathfinder(args: string[], env: Record<string, string>): PathfinderProcess {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(VITEST|TEST$|NODE_ENV$)/.test(k)) continue;
    base[k] = v;
  }
  const child = spawn(process.execPath, [PATHFINDER_BIN, ...args], { cwd: REPO, env: { ...base, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const watchers: { pattern: RegExp; found: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of [...watchers]) {
      const line = text.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.found(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    output: () => text,
    alive: () => !done,
    exited,
    waitForLine(pattern, what, deadlineMs = 60_000) {
      const already = text.split('\n').find((l) => pattern.test(l));
      if (already !== undefined) return Promise.resolve(already);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output:\n${text}`)), deadlineMs);
        const w = { pattern, found: (line: string) => (clearTimeout(timer), resolve(line)) };
        watchers.push(w);
        void exited.then(({ code, signal }) => {
          if (!watchers.includes(w)) return;
          clearTimeout(timer);
          reject(new Error(`the process exited (${signal ?? code}) before ${what}; output:\n${text}`));
        });
      });
    },
    async stop(graceMs = 20_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Points the civicjobs source at `origin` (feed only: one request a run) and disables every other source. */
export async function aimCivicJobsAt(url: string, origin: string): Promise<string> {
  await query(url, `update data_sources set enabled = (plugin_id = 'civicjobs') where plugin_id is not null`);
  const rows = await query<{ id: string }>(url, `update data_sources set plugin_config = $1 where plugin_id = 'civicjobs' returning id`, [
    JSON.stringify({ baseUrl: origin, fetchDetails: false, listingFallback: false }),
  ]);
  return rows[0]!.id;
}

/** Enqueues a manual civicjobs crawl as an API process would (a send-only scheduler, stopped after). */
export async function enqueueCivicJobsCrawl(url: string): Promise<{ runId: string; jobId: string }> {
  const registry = await loadPlugins();
  const orm = await createOrm(url);
  const civicjobs = registry.plugins.filter((p) => p.id === 'civicjobs');
  const scheduler = new Scheduler({
    // The same retry delay as the workers' (every process applies its settings to the queue).
    connectionString: url, orm, mode: 'send-only', retry: { delaySeconds: Number(FAST_RECOVERY_ENV.PATHFINDER_CRAWL_RETRY_DELAY_SECONDS) },
    registry: { plugins: civicjobs, get: (id) => civicjobs.find((p) => p.id === id) },
  });
  try {
    await scheduler.start();
    return await scheduler.enqueueCrawl('civicjobs', 'manual');
  } finally {
    await scheduler.stop();
    await orm.close(true);
  }
}

export interface RunRow {
  id: string;
  status: string;
  trigger: string;
  error_code: string | null;
  error_message: string | null;
  jobs_found: number;
}

/** The source's runs, oldest first. */
export function runsOf(url: string, sourceId: string): Promise<RunRow[]> {
  return query<RunRow>(url, 'select id, status, trigger, error_code, error_message, jobs_found from scrape_logs where source_id = $1 order by started_at, id', [sourceId]);
}

/** After a failed test: what each process said and where the runs and crawl jobs stood. */
export async function describeFailure(procs: (PathfinderProcess | undefined)[], url: string | undefined): Promise<string> {
  const out = procs.filter(Boolean).map((p, i) => `--- process ${i + 1} output ---\n${p!.output()}`);
  if (url) {
    const state = await Promise.all([
      query(url, 'select id, status, trigger, error_code, error_message from scrape_logs order by started_at'),
      query(url, `select id, state, retry_count, start_after from pgboss.job where name = 'crawl'`),
    ]).catch((e: Error) => e.message);
    out.push(`--- runs, crawl jobs ---\n${JSON.stringify(state, null, 1)}`);
  }
  return out.join('\n');
}
