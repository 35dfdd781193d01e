import type { FastifyInstance } from 'fastify';
import { DataSource, preparePosting, writeJobBatch, type IDataSource, type PreparedJob } from '@pathfinder/core';
import type { JobPosting } from '@pathfinder/sdk';

let counter = 0;

/** A source row (a plugin's by default). */
export async function seedSource(app: FastifyInstance, fields: Partial<IDataSource> & { name?: string } = {}): Promise<IDataSource> {
  const em = app.ctx.orm.em.fork();
  const n = ++counter;
  const source = em.create(DataSource, {
    name: fields.name ?? `Source ${n}`,
    sourceType: fields.sourceType ?? 'scraper',
    pluginId: fields.sourceType && fields.sourceType !== 'scraper' ? null : (fields.pluginId ?? `plugin${n}`),
    ...fields,
  } as never);
  await em.flush();
  return source;
}

/** A valid posting; override any field. Titles differ per call so dedupe hashes do too. */
export function posting(fields: Partial<JobPosting> = {}): JobPosting {
  const n = ++counter;
  return {
    title: `Software Developer Co-op ${n}`,
    companyName: 'Acme Corp',
    originalUrl: `https://jobs.example.com/${n}`,
    description: 'Join our team for a four-month co-op term. You will write code and tests.',
    city: 'Toronto',
    province: 'ON',
    ...fields,
  };
}

/**
 * Runs postings through the real pipeline and the crawl's batch writer (as a crawl would store
 * them) and returns their ids in the order given.
 */
export async function seedJobs(app: FastifyInstance, source: { id: string }, postings: JobPosting[], now = new Date()): Promise<string[]> {
  const prepared: PreparedJob[] = postings.map((p) => {
    const r = preparePosting(p, { sourceId: source.id, now, skipExpired: false });
    if (r.kind !== 'job') throw new Error(`seed posting refused: ${JSON.stringify(r)}`);
    return r.job;
  });
  const conn = app.ctx.orm.em.fork().getConnection();
  await writeJobBatch(conn, source.id, prepared, now);
  const rows = await conn.execute<{ id: string; dedupe_hash: string }[]>(
    'select id, dedupe_hash from jobs where source_id = ? and dedupe_hash in (select jsonb_array_elements_text(?::jsonb))',
    [source.id, JSON.stringify(prepared.map((j) => j.dedupeHash))],
  );
  const byHash = new Map(rows.map((r) => [r.dedupe_hash, r.id]));
  return prepared.map((j) => byHash.get(j.dedupeHash)!);
}

/** Runs SQL on the app's database (to archive, back-date…). */
export async function sql(app: FastifyInstance, text: string, params: unknown[] = []): Promise<unknown[]> {
  return app.ctx.orm.em.fork().getConnection().execute(text, params);
}
