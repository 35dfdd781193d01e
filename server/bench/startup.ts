/**
 * `npm run bench:startup`: the time from `pathfinder start` to a healthy /health on an empty data
 * folder (initdb + migrations + listen), then again on the same folder (second start), and the
 * API process's resident memory idle and after 15 s of searches. Figures only, no assertions.
 * Last line: `startup: first N s, second M s`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'server/bin/pathfinder.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const rssMb = async (pid: number) => {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
};

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; seconds: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: repo, stdio: ['ignore', 'ignore', 'pipe'],
    // No DATABASE_URL: the embedded Postgres in the data folder is what is measured.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')), PORT: String(port), PATHFINDER_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PATHFINDER_SEARCH_RATE_LIMIT: '0' },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pathfinder start exited ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, seconds: (performance.now() - t0) / 1000 };
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-startup-'));
try {
  const port = await freePort();
  const first = await start(dataDir, port);
  console.log(`first start (empty data folder): ${first.seconds.toFixed(1)} s`);
  await stop(first.child);
  const second = await start(dataDir, port);
  console.log(`second start: ${second.seconds.toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`idle RSS: ${await rssMb(second.child.pid!)} MB`);
  const result = await autocannon({ url: `http://127.0.0.1:${port}/api/v1/jobs?q=software%20intern&province=ON`, connections: 4, duration: 15 });
  console.log(`15 s of searches: ${result.requests.total} requests, ${result.non2xx} non-2xx; loaded RSS: ${await rssMb(second.child.pid!)} MB`);
  await stop(second.child);
  console.log(`startup: first ${first.seconds.toFixed(1)} s, second ${second.seconds.toFixed(1)} s`);
} finally {
  await fs.rm(dataDir, { recursive: true, force: true });
}
