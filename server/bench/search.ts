/**
 * `npm run bench:search`: seeds generated jobs into an embedded Postgres of its own, serves the real
 * app from a child process and measures with autocannon, in the same run:
 *   - at the first size: a trivial route of the same server (`GET /api/v1/bench/ping`, no database),
 *     `GET /health` (one `select 1` round trip, for reference), the search
 *     `GET /api/v1/jobs?q=engineer&province=ON` (page, total and facets), 66 different searches on a
 *     restarted server (each once from the empty cache, then cycled by every connection: cached),
 *     and the same search on a server with the search answer cache off (10 clients, then 1);
 *   - at every size, with the answer cache off: the 60 mixed searches with `q` (12 words × 5 filter
 *     sets), cycled by 1 client and, below a million jobs, by 10. One line each:
 *     `cold <jobs> jobs <clients> clients: p50 X ms p95 Y ms`.
 * Goals (issue 5): search p95 ≤ 25 ms and ≥ 40 % of the trivial route's throughput. Issue 16, cache
 * off: p95 ≤ 30 ms with 1 client and ≤ 150 ms with 10 at 200,000 jobs; ≤ 100 ms with 1 client at 1,000,000.
 *
 * Env: BENCH_JOBS (sizes, comma-separated, ascending: "200000,1000000"; the table grows from one to
 * the next), BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_COLD_ONLY=1 (skip the cached scenarios).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DataSource, connectAndMigrate, ensureDatabase, startEmbeddedPostgres } from '@pathfinder/core';
import { seedJobsInSql } from './seed-jobs-sql.js';

const SIZES = (process.env.BENCH_JOBS ?? '200000,1000000').split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
const COLD_ONLY = process.env.BENCH_COLD_ONLY === '1';
/** Below this many jobs the cold searches are also measured with BENCH_CONNECTIONS clients. */
const MANY_CLIENTS_UP_TO = 500_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEARCH_PATH = '/api/v1/jobs?q=engineer&province=ON';

/**
 * A mixed load: 60 different searches (12 words × 5 filter sets), broad and narrow, phrases and
 * exclusions, and 6 browses without `q`: what each costs the first time, and what the cache makes
 * of them after.
 */
const MIXED_PATHS = ['engineer', 'analyst', 'software developer', 'civil', 'data', 'marketing', 'research', 'summer', 'python', '"supply chain"', 'health -nursing', 'environment']
  .flatMap((q) => ['province=ON', 'province=QC', 'province=BC&jobType=coop', 'locationType=remote', 'sort=newest']
    .map((f) => `/api/v1/jobs?q=${encodeURIComponent(q)}&${f}`))
  .concat(['', '?province=ON', '?province=QC&jobType=coop', '?locationType=remote', '?jobType=internship&sort=deadline', '?province=AB&province=BC']
    .map((f) => `/api/v1/jobs${f}`));
const MIXED = `${MIXED_PATHS.length} searches`;
/** The 60 searches with `q` of the mixed load: what the cold (uncached) figures are measured on. */
const COLD_PATHS = MIXED_PATHS.slice(0, 60);

interface Measure {
  name: string;
  path: string;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Runs autocannon on one path, or on several in turn (each connection cycles through them), for
 * BENCH_SECONDS after a 2-second warm-up; `once` instead sends each path exactly once, on one
 * connection, with no warm-up (what each search costs the first time).
 */
async function measure(name: string, base: string, urlPath: string | string[], connections = CONNECTIONS, mode: 'timed' | 'once' = 'timed'): Promise<Measure> {
  const target = typeof urlPath === 'string' ? { url: base + urlPath } : { url: base, requests: urlPath.map((p) => ({ method: 'GET' as const, path: p })) };
  // Warm up (JIT, plan cache, shared buffers) before counting.
  if (mode === 'timed') await autocannon({ ...target, connections, duration: 2 });
  const latencies: number[] = [];
  const run = autocannon({ ...target, ...(mode === 'once' ? { connections: 1, amount: (urlPath as string[]).length } : { connections, duration: SECONDS }) });
  run.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await run;
  latencies.sort((a, b) => a - b);
  return {
    name,
    path: typeof urlPath === 'string' ? urlPath : `${urlPath.length} searches`,
    reqPerSec: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function startServer(databaseUrl: string, dataDir: string, searchCache: boolean): Promise<{ child: ChildProcess; port: number }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'search-server.ts');
  const child = fork(script, [], {
    execArgv: ['--conditions=@pathfinder/source', '--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: dataDir, BENCH_SEARCH_CACHE: searchCache ? 'on' : 'off' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-search-'));
const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
const servers: ChildProcess[] = [];
const coldLines: string[] = [];
try {
  await ensureDatabase(cluster.adminUrl, 'bench');
  const databaseUrl = cluster.databaseUrl('bench');
  const { orm } = await connectAndMigrate(databaseUrl);
  const em = orm.em.fork();
  const sources = ['civicjobs', 'careeredge', 'workinnonprofits', 'eco-canada', 'mars'].map((id) =>
    em.create(DataSource, { name: `Bench ${id}`, pluginId: id, sourceType: 'scraper' }));
  await em.flush();
  const conn = orm.em.getConnection();

  // Each scenario gets a server of its own (a child process, so the load generator does not share
  // its event loop), stopped before the next starts.
  const withServer = async <T>(searchCache: boolean, run: (base: string) => Promise<T>): Promise<T> => {
    const server = await startServer(databaseUrl, dir, searchCache);
    servers.push(server.child);
    try {
      return await run(`http://127.0.0.1:${server.port}`);
    } finally {
      await stopServer(server.child);
    }
  };

  let seeded = 0;
  for (const [i, jobs] of SIZES.entries()) {
    // 1. Seed up to this size: INSERT … SELECT FROM generate_series, inside Postgres.
    const t0 = performance.now();
    await seedJobsInSql(databaseUrl, sources.map((s) => s.id), jobs - seeded, { from: seeded });
    const [{ n: matching }] = await conn.execute<{ n: number }[]>(
      "select count(*)::int as n from jobs where is_active and province_code = 'ON' and search_vector @@ websearch_to_tsquery('english', 'engineer')");
    console.log(`seeded ${jobs - seeded} jobs (${jobs} in all) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${matching} match q=engineer&province=ON`);
    seeded = jobs;
    if (i === 0 && !COLD_ONLY) await cachedScenarios(withServer);

    // 2. Cold: the answer cache off, so every request counts, ranks and reads its page.
    const clients = jobs <= MANY_CLIENTS_UP_TO ? [1, CONNECTIONS] : [1];
    await withServer(false, async (base) => {
      for (const c of clients) {
        const m = await measure(`cold ${c}`, base, COLD_PATHS, c);
        const line = `cold ${jobs} jobs ${c} clients: p50 ${m.p50.toFixed(1)} ms p95 ${m.p95.toFixed(1)} ms`;
        coldLines.push(line);
        console.log(`${line}  (${m.requests} requests, ${m.failures} failures, ${m.reqPerSec.toFixed(0)} req/s, load ${os.loadavg()[0]!.toFixed(1)})`);
      }
    });
  }
  await orm.close();
  console.log('');
  for (const line of coldLines) console.log(line);
} finally {
  for (const child of servers) await stopServer(child);
  await cluster.stop();
  await fs.rm(dir, { recursive: true, force: true });
}

/** The issue-5 scenarios at the first size: trivial route, health, one search cached and not, the mixed load cached. */
async function cachedScenarios(withServer: <T>(searchCache: boolean, run: (base: string) => Promise<T>) => Promise<T>): Promise<void> {
  const results = await withServer(true, async (base) => {
    const sample = await (await fetch(base + SEARCH_PATH)).json() as { total: number; totalIsExact: boolean; items: unknown[] };
    console.log(`search answers total=${sample.total}${sample.totalIsExact ? '' : '+'}, ${sample.items.length} items; ${CONNECTIONS} connections, ${SECONDS} s per route, ${os.cpus().length} CPUs`);
    return [
      await measure('trivial (no DB)', base, '/api/v1/bench/ping'),
      await measure('health (select 1)', base, '/health'),
      await measure('search', base, SEARCH_PATH),
    ];
  });
  // The mixed searches on a fresh server: each once from the empty cache, then all of them
  // again and again by 10 clients (the cache now holds them).
  results.push(...await withServer(true, async (base) => [
    await measure(`${MIXED}, 1st`, base, MIXED_PATHS, 1, 'once'),
    await measure(`${MIXED}, again`, base, MIXED_PATHS),
  ]));
  // The same search with the answer cache off; then one client at a time: what a single uncached
  // search costs, without queueing behind nine others.
  results.push(...await withServer(false, async (base) => [
    await measure('search, no cache', base, SEARCH_PATH),
    await measure('  same, 1 client', base, SEARCH_PATH, 1),
  ]));

  console.log('');
  console.log('route               req/s      p50 ms   p95 ms   p99 ms   requests  failures');
  for (const r of results) {
    console.log(`${r.name.padEnd(18)} ${r.reqPerSec.toFixed(0).padStart(7)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.requests).padStart(9)}  ${String(r.failures).padStart(8)}`);
  }
  const [trivial, , search, first, again, raw, single] = results as [Measure, Measure, Measure, Measure, Measure, Measure, Measure];
  const ofTrivial = (m: Measure) => `${((m.reqPerSec / trivial.reqPerSec) * 100).toFixed(1)} %`;
  console.log('');
  console.log(`search / trivial throughput: ${ofTrivial(search)} (goal ≥ 40 %); without the cache ${ofTrivial(raw)}`);
  console.log(`search p95: ${search.p95.toFixed(1)} ms (goal ≤ 25 ms); without the cache ${raw.p95.toFixed(1)} ms (${CONNECTIONS} clients), ${single.p95.toFixed(1)} ms (1 client)`);
  console.log(`${MIXED}, the first time each (cache empty): p50 ${first.p50.toFixed(1)} ms, p95 ${first.p95.toFixed(1)} ms; `
    + `then cached: ${again.reqPerSec.toFixed(0)} req/s (${ofTrivial(again)} of trivial), p95 ${again.p95.toFixed(1)} ms`);
  console.log('');
}
