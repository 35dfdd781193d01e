/**
 * `npm run bench:site`: seeds 200,000 generated jobs into an embedded Postgres of its own, serves the
 * real app (API and built site) in this process, and loads the search page and a job page in
 * headless Chromium. Prints the JavaScript the search page sends (raw and gzip) and the time from
 * navigation start until results (or the job) are on screen: the first load, then warm loads.
 * Budget (issue 10): ≤ 150 KB gzip JavaScript for the search page; results on screen ≤ 1 s after the first load.
 *
 * Env: BENCH_JOBS (200000), BENCH_LOADS (5). Needs /usr/bin/chromium.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { DataSource, connectAndMigrate, ensureDatabase, loadConfig, startEmbeddedPostgres } from '@pathfinder/core';
import { buildApp } from '../src/app.js';
import { ensureSiteBuilt } from '../src/site/build-site.js';
import { seedJobs } from './seed-jobs.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 200_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const CHROMIUM = '/usr/bin/chromium';

await fs.access(CHROMIUM).catch(() => {
  throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
});
console.log(await ensureSiteBuilt() === 'built' ? 'site built' : 'site already built');

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-site-'));
const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
try {
  await ensureDatabase(cluster.adminUrl, 'bench');
  const databaseUrl = cluster.databaseUrl('bench');
  const { orm } = await connectAndMigrate(databaseUrl);
  const em = orm.em.fork();
  const sources = ['civicjobs', 'campusboard', 'govjobs', 'techlist'].map((id) => em.create(DataSource, { name: `Bench ${id}`, pluginId: id, sourceType: 'scraper' }));
  await em.flush();
  const started = Date.now();
  await seedJobs(databaseUrl, sources.map((s) => s.id), JOBS);
  console.log(`seeded ${JOBS.toLocaleString('en-CA')} jobs in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const config = loadConfig({ PATHFINDER_DATA_DIR: path.join(dir, 'data'), PUBLIC_URL: 'http://127.0.0.1:8000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, orm, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const [job] = await em.getConnection().execute<{ id: string }[]>('select id from jobs where is_active order by date_posted desc nulls last limit 1');

  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await context.newPage();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
    });

    /** Where the time of the last load went: each request's start and end (ms since navigation start). */
    const waterfalls: string[][] = [];
    /** Milliseconds from navigation start until `selector` is on screen. */
    const timeTo = async (p: Page, url: string, selector: string) => {
      await p.goto(url, { waitUntil: 'commit' });
      await p.waitForSelector(selector, { timeout: 60_000 });
      const [now, steps] = await p.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const rows = [`html ${nav.responseStart.toFixed(0)}→${nav.responseEnd.toFixed(0)}`];
        for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
          const u = new URL(r.name);
          rows.push(`${(u.pathname + u.search).slice(0, 60)} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`);
        }
        return [performance.now(), rows] as const;
      });
      waterfalls.push([...steps, `on screen ${now.toFixed(0)}`]);
      return now;
    };
    const RESULTS = '.job-list:not(.skeleton) > li';
    const searches = ['/', '/?q=engineer', '/?province=ON&jobType=coop', '/?q=data&locationType=remote', '/?q=analyst&sort=deadline', '/?province=QC'];
    const first = await timeTo(page, `${base}/`, RESULTS);
    await new Promise((r) => setTimeout(r, 500));
    const raw = [...scripts.values()].reduce((n, b) => n + b.length, 0);
    const gzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) warm.push(await timeTo(page, `${base}${searches[(i + 1) % searches.length]}`, RESULTS));
    const jobFirst = await timeTo(page, `${base}/jobs/${job!.id}`, '.job-page h1');
    const jobWarm: number[] = [];
    for (let i = 0; i < LOADS; i++) jobWarm.push(await timeTo(page, `${base}/jobs/${job!.id}`, '.job-page h1'));

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log('');
    console.log(`search page JavaScript: ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip in ${scripts.size} file(s) (budget ≤ 150 KB gzip)`);
    console.log(`search results on screen: first load ${ms(first)}; then ${LOADS} searches: median ${ms(median(warm))}, max ${ms(Math.max(...warm))} (budget ≤ 1 s)`);
    console.log(`job page on screen: first ${ms(jobFirst)}; then median ${ms(median(jobWarm))}, max ${ms(Math.max(...jobWarm))}`);
    // The request waterfall of the first load and of each search after it (ms since navigation start).
    console.log('');
    for (const [i, steps] of waterfalls.slice(0, LOADS + 1).entries()) console.log(`${i === 0 ? 'first load' : `search ${i}`}: ${steps.join(' · ')}`);
  } finally {
    await context.close();
    await fs.rm(profile, { recursive: true, force: true });
    await app.close();
    await orm.close();
  }
} finally {
  await cluster.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
