/**
 * `npm run bench:startup`: the time from `pathfinder start` to a healthy `/health` on an empty data
 * folder (initdb + migrations + listen) and on a second start of the same folder, and the API
 * process's resident memory when idle and after 15 s of searches. The last line reads
 * `startup: first N s, second M s`.
 * Goals (issue 15): first ≤ 10 s, second ≤ 3 s; idle ≤ 150 MB, under load ≤ 250 MB.
 *
 * Each start is a real child process (`node server/bin/pathfinder.js start`), as `npm start` runs it.
 * Env: BENCH_LOAD_SECONDS (15).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'server/bin/pathfinder.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of one process, from /proc (the node process only: Postgres runs beside it). */
async function rssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: repo, stdio: ['ignore', 'ignore', 'pipe'],
    // No DATABASE_URL: the embedded Postgres in the data folder is what is measured. Searches are
    // not rate-limited here: the load is the point.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
      PATHFINDER_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PATHFINDER_SEARCH_RATE_LIMIT: '0',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pathfinder start exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, seconds: (performance.now() - started) / 1000 };
    if (performance.now() - started > 120_000) throw new Error(`no healthy /health after 120 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-startup-'));
try {
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const first = await start(dataDir, port);
  console.log(`first start (empty data folder: initdb, migrations, listen): ${first.seconds.toFixed(1)} s`);
  await stop(first.child);

  const second = await start(dataDir, port);
  console.log(`second start (same folder): ${second.seconds.toFixed(1)} s`);
  // Idle: what the process holds once start-up work (site check, schedules, first sweeps) has settled.
  await new Promise((r) => setTimeout(r, 5000));
  const idle = await rssMb(second.child.pid!);
  console.log(`idle RSS: ${idle.toFixed(0)} MB`);

  const words = ['engineer', 'data', 'co-op', 'summer', 'analyst', 'research', 'software', 'policy'];
  let peak = idle;
  const timer = setInterval(() => void rssMb(second.child.pid!).then((mb) => (peak = Math.max(peak, mb)), () => {}), 250);
  const results = await Promise.all(words.slice(0, 4).map((w, i) => autocannon({
    url: `http://127.0.0.1:${port}/api/v1/jobs?q=${encodeURIComponent(w)}&province=${['ON', 'QC', 'BC', 'AB'][i]}`,
    connections: 2, duration: LOAD_SECONDS,
  })));
  clearInterval(timer);
  const loaded = await rssMb(second.child.pid!);
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const non2xx = results.reduce((n, r) => n + r.non2xx, 0);
  console.log(`RSS after ${LOAD_SECONDS} s of searches (${requests} requests, ${non2xx} non-2xx): ${loaded.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)`);
  await stop(second.child);
  console.log(`startup: first ${first.seconds.toFixed(1)} s, second ${second.seconds.toFixed(1)} s`);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
