import { expect } from 'vitest';
import { defineSource, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LoadedPlugin } from '../../src/engine/plugin-registry.js';
import { DataSource } from '../../src/db/entities/index.js';
import { preparePosting } from '../../src/pipeline/index.js';
import { writeJobBatch } from '../../src/engine/job-writer.js';
import { clusterJobs } from '../../src/clusters/index.js';
import { runCrawl } from '../../src/engine/crawl-runner.js';

/** A board plugin whose postings the test sets between runs (`board.items = …`). */
export function board(id: string): LoadedPlugin & { items: JobPosting[] } {
  const plugin: LoadedPlugin & { items: JobPosting[] } = {
    id,
    items: [],
    definition: defineSource({
      id, name: `Board ${id}`, version: '1.0.0', sdk: '^1.1.0', baseUrl: `https://${id}.example.ca`, crawlDelaySeconds: 0, schedule: '0 * * * *',
      maxArchiveFraction: 1,
      async *crawl(_ctx: CrawlContext): AsyncGenerator<JobPosting> {
        yield* plugin.items;
      },
    }),
    package: { packageName: `@test/${id}`, packageVersion: '1.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' as const },
  };
  return plugin;
}

const DESCRIPTION = 'Join the controls team for a four-month co-op term. You will write embedded C for our warehouse robots, '
  + 'review pull requests, test on real hardware in the Waterloo lab and present your project at the end of the term.';

/** One job (a software co-op at Maple Robotics in Waterloo) as a board lists it; override per copy. */
export function copy(board: string, extra: Partial<JobPosting> = {}): JobPosting {
  return {
    title: 'Software Developer Co-op',
    companyName: 'Maple Robotics',
    originalUrl: `https://${board}.example.ca/jobs/1`,
    externalId: `${board}-1`,
    description: DESCRIPTION,
    city: 'Waterloo',
    province: 'ON',
    ...extra,
  };
}

/** An employer source and its hand-posted job, written and clustered as the job routes do. Returns the job id. */
export async function employerPosts(orm: MikroORM, name: string, posting: JobPosting): Promise<string> {
  const em = orm.em.fork();
  let source = await em.findOne(DataSource, { name });
  if (!source) {
    source = em.create(DataSource, { name, sourceType: 'employer' });
    await em.flush();
  }
  const prepared = preparePosting(posting, { sourceId: source.id, now: new Date(), skipExpired: false });
  if (prepared.kind !== 'job') throw new Error(`refused: ${JSON.stringify(prepared)}`);
  const conn = em.getConnection();
  const written = await writeJobBatch(conn, source.id, [prepared.job], new Date());
  await clusterJobs(conn, [...written.addedIds, ...written.updatedIds]);
  return written.addedIds[0] ?? written.updatedIds[0]!;
}

export interface JobClusterRow {
  id: string;
  source: string;
  cluster_id: string | null;
  is_representative: boolean;
  is_active: boolean;
}

/** Every job with its source's name and cluster, ordered by source name. */
export async function jobsAndClusters(orm: MikroORM): Promise<JobClusterRow[]> {
  return orm.em.fork().getConnection().execute(
    `select j.id, s.name as source, j.cluster_id, j.is_representative, j.is_active
       from jobs j join data_sources s on s.id = j.source_id order by s.name, j.created_at`,
  );
}

/** Crawls a board once through the engine; the run must succeed. */
export async function crawlBoard(orm: MikroORM, plugin: LoadedPlugin) {
  const result = await runCrawl({ plugin, orm, trigger: 'manual' });
  expect(result.status).toBe('success');
  return result;
}

/** Runs a statement on a fresh fork of the ORM's connection. */
export const sqlOn = (orm: MikroORM) => async <T>(text: string, params: unknown[] = []): Promise<T> =>
  (await orm.em.fork().getConnection().execute(text, params)) as T;

/** The jobs whose employer meets `condition` (SQL on `company_name`), with their source and cluster. */
export async function rowsWhere(orm: MikroORM, condition: string, params: unknown[]): Promise<JobClusterRow[]> {
  const ids = new Set((await sqlOn(orm)<{ id: string }[]>(`select id from jobs where ${condition}`, params)).map((r) => r.id));
  return (await jobsAndClusters(orm)).filter((r) => ids.has(r.id));
}
