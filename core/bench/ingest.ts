/**
 * `npm run bench:ingest`: 50,000 generated postings through the whole engine (runCrawl: pipeline
 * stages, batched writes) into a real Postgres, next to a raw batched `INSERT … ON CONFLICT` of the
 * same prepared rows in the same run. Prints rows/s for both and the ratio (goal: ≥ 0.5).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineSource, type JobPosting, type ProvinceCode } from '@pathfinder/sdk';
import { startEmbeddedPostgres, ensureDatabase } from '../src/db/embedded-postgres.js';
import { connectAndMigrate } from '../src/db/database.js';
import { runCrawl } from '../src/engine/crawl-runner.js';
import { INSERT_SQL, toRecord } from '../src/engine/job-writer.js';
import { newId } from '../src/db/entities/ids.js';
import { preparePosting, type PreparedJob } from '../src/pipeline/index.js';
import { DataSource } from '../src/db/entities/index.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 50_000);
const BATCH = 500;
const CITIES: [string, ProvinceCode][] = [['Toronto', 'ON'], ['Vancouver', 'BC'], ['Montréal', 'QC'], ['Calgary', 'AB'], ['Halifax', 'NS'], ['Winnipeg', 'MB']];
const ROLES = ['Software Developer Co-op', 'Data Analyst Intern', 'Junior Civil Engineer', 'Environmental Technician (New Grad)', 'Marketing Coordinator Intern', 'Policy Analyst Co-op'];

function generate(n: number): JobPosting {
  const [city, province] = CITIES[n % CITIES.length];
  return {
    title: `${ROLES[n % ROLES.length]} #${n}`,
    companyName: `Company ${n % 997}`,
    originalUrl: `https://jobs.example.ca/jobs?id=${n}&utm_source=feed`,
    externalId: String(n),
    // As the SDK contract asks: plain text (paragraphs kept) plus the sanitised HTML beside it.
    description: `Join our team in ${city} for a four-month work term.\n\n- Build things\n- Learn & grow\n\nRemote within Canada possible. $${20 + (n % 10)}.50 per hour.`,
    descriptionHtml: `<p>Join our team in ${city} for a four-month work term.</p><ul><li>Build things</li><li>Learn &amp; grow</li></ul><p>Remote within Canada possible. $${20 + (n % 10)}.50 per hour.</p>`,
    city,
    province,
    datePosted: new Date(Date.UTC(2026, 10, 1 + (n % 20))).toISOString(),
    requiredSkills: ['Excel', n % 2 ? 'Python' : 'SQL'],
  };
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-ingest-'));
const cluster = await startEmbeddedPostgres({ dataDir: dir });
try {
  await ensureDatabase(cluster.adminUrl, 'bench');
  const { orm } = await connectAndMigrate(cluster.databaseUrl('bench'));
  const postings = Array.from({ length: COUNT }, (_, i) => generate(i));

  // 1. The engine: plugin → pipeline → batched writes.
  const plugin = {
    id: 'bench', package: { packageName: 'bench', packageVersion: '1.0.0', dir, entry: dir, origin: 'extra' as const },
    definition: defineSource({
      id: 'bench', name: 'Bench', version: '1.0.0', sdk: '^1.0.0', baseUrl: 'https://jobs.example.ca', crawlDelaySeconds: 0,
      schedule: '0 * * * *', async *crawl() { yield* postings; },
    }),
  };
  let t0 = performance.now();
  const run = await runCrawl({ plugin, orm, batchSize: BATCH });
  const pipelineMs = performance.now() - t0;
  if (run.status !== 'success') throw new Error(`bench run ${run.status}: ${run.error?.message}`);

  // 2. Raw: the same rows, already prepared, one INSERT … ON CONFLICT per batch, into an emptied table.
  const prepared: PreparedJob[] = [];
  for (const p of postings) {
    const r = preparePosting(p, { now: new Date() });
    if (r.kind === 'job') prepared.push(r.job);
  }
  const conn = orm.em.getConnection();
  await conn.execute('truncate jobs cascade');
  const sourceId = (await orm.em.fork().findOneOrFail(DataSource, { pluginId: 'bench' })).id;
  const records = prepared.map((j) => toRecord(j, newId(), sourceId));
  t0 = performance.now();
  for (let i = 0; i < records.length; i += BATCH) {
    await conn.execute(INSERT_SQL, [new Date().toISOString(), JSON.stringify(records.slice(i, i + BATCH))]);
  }
  const rawMs = performance.now() - t0;

  const pipelineRate = run.counts.added / (pipelineMs / 1000);
  const rawRate = records.length / (rawMs / 1000);
  console.log(`postings: ${COUNT} (added ${run.counts.added}, skipped ${run.counts.skipped}), batch ${BATCH}`);
  console.log(`pipeline (runCrawl → Postgres): ${pipelineRate.toFixed(0)} rows/s (${(pipelineMs / 1000).toFixed(2)} s)`);
  console.log(`raw INSERT … ON CONFLICT:       ${rawRate.toFixed(0)} rows/s (${(rawMs / 1000).toFixed(2)} s)`);
  console.log(`pipeline / raw: ${(pipelineRate / rawRate).toFixed(2)} (goal ≥ 0.50)`);
  await orm.close();
} finally {
  await cluster.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
