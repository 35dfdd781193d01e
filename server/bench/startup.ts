/**
 * `npm run bench:startup`: the time from `pathfinder start` to a healthy `/health` on an empty data
 * folder (initdb + migrations + listen) and on a second start of the same folder, and the API
 * process's resident memory when idle and after 15 s of searches. The last line reads
 * `startup: first N s, second M s`.
 * Goals (issue 15): first ≤ 10 s, second ≤ 3 s; idle ≤ 150 MB, under load ≤ 250 MB.
 *
 * Each start is a real `npm start` (npm, then `pathfinder start`: the compiled build when it is fresh,
 * see server/bin/launch.js); the build is brought up to date first and its time printed apart, so
 * the start times are those of a start after `npm install`. RSS is the pathfinder node process's
 * (not npm's, not the embedded Postgres server's). The machine's load average is printed with the
 * figures: other work on a 2-core machine moves them by seconds.
 * Env: BENCH_LOAD_SECONDS (15); BENCH_SETTLE_SECONDS (75: when the settled idle RSS is read, 0 skips
 * it); BENCH_FROM_SOURCE=1 measures the TypeScript sources run in place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
// @ts-expect-error -- plain JavaScript without declarations (the launcher's build check)
import { buildState, ensureAppBuilt } from '../bin/app-build.js';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 75);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The pid of the `pathfinder start` node process under `npm start` (npm → sh → node), from /proc. */
async function pathfinderPid(root: number): Promise<number | undefined> {
  const children = new Map<number, number[]>();
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The parent pid is the second field after the parenthesised command name.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (pid !== root && /pathfinder/.test(cmdline) && /\0start\0?$/.test(cmdline) && !/npm/.test(cmdline.split('\0')[1] ?? '')) return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}

/** Resident memory of one process, from /proc (the node process only: Postgres runs beside it). */
async function rssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; pid: number; seconds: number }> {
  const started = performance.now();
  const child = spawn(npm, ['start', '--silent'], {
    cwd: repo, stdio: ['ignore', 'ignore', 'pipe'],
    // No DATABASE_URL: the embedded Postgres in the data folder is what is measured. Searches are
    // not rate-limited here: the load is the point.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
      PATHFINDER_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PATHFINDER_SEARCH_RATE_LIMIT: '0',
      PATHFINDER_FROM_SOURCE: FROM_SOURCE ? '1' : '0',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pathfinder start exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) {
      const seconds = (performance.now() - started) / 1000;
      const pid = await pathfinderPid(child.pid!);
      if (pid === undefined) throw new Error('the pathfinder process under npm start was not found in /proc');
      return { child, pid, seconds };
    }
    if (performance.now() - started > 120_000) throw new Error(`no healthy /health after 120 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM to pathfinder itself (as a service manager would), then npm exits with it. */
async function stop(started: { child: ChildProcess; pid: number }): Promise<void> {
  const exited = new Promise((r) => started.child.once('exit', r));
  process.kill(started.pid, 'SIGTERM');
  await exited;
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(', ');
console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
if (FROM_SOURCE) console.log('running the TypeScript sources (BENCH_FROM_SOURCE=1)');
else {
  const before = buildState();
  const buildStarted = performance.now();
  await ensureAppBuilt();
  console.log(before === 'fresh' ? 'server build: fresh' : `server build: ${before}, built in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s (not counted in the starts)`);
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-startup-'));
try {
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const first = await start(dataDir, port);
  console.log(`first start (empty data folder: initdb, migrations, listen): ${first.seconds.toFixed(1)} s`);
  await stop(first);

  const second = await start(dataDir, port);
  console.log(`second start (same folder): ${second.seconds.toFixed(1)} s`);
  // Idle: what the process holds once start-up work (site check, schedules, first sweeps) has settled.
  await new Promise((r) => setTimeout(r, 5000));
  const idle = await rssMb(second.pid);
  console.log(`idle RSS: ${idle.toFixed(0)} MB`);
  // For information: V8 keeps the young generation at the size start-up grew it to (32 MB) until a
  // minute or so of quiet shows it a low allocation rate, then shrinks it (to 4 MB here).
  if (SETTLE_SECONDS > 5) {
    await new Promise((r) => setTimeout(r, (SETTLE_SECONDS - 5) * 1000));
    console.log(`idle RSS after ${SETTLE_SECONDS} s (settled): ${(await rssMb(second.pid)).toFixed(0)} MB`);
  }

  const words = ['engineer', 'data', 'co-op', 'summer', 'analyst', 'research', 'software', 'policy'];
  let peak = idle;
  const timer = setInterval(() => void rssMb(second.pid).then((mb) => (peak = Math.max(peak, mb)), () => {}), 250);
  const results = await Promise.all(words.slice(0, 4).map((w, i) => autocannon({
    url: `http://127.0.0.1:${port}/api/v1/jobs?q=${encodeURIComponent(w)}&province=${['ON', 'QC', 'BC', 'AB'][i]}`,
    connections: 2, duration: LOAD_SECONDS,
  })));
  clearInterval(timer);
  const loaded = await rssMb(second.pid);
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const non2xx = results.reduce((n, r) => n + r.non2xx, 0);
  console.log(`RSS after ${LOAD_SECONDS} s of searches (${requests} requests, ${non2xx} non-2xx): ${loaded.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)`);
  await stop(second);
  console.log(`load average after: ${load()}`);
  console.log(`startup: first ${first.seconds.toFixed(1)} s, second ${second.seconds.toFixed(1)} s`);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
