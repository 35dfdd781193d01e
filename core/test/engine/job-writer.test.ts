import { describe, expect, it } from 'vitest';
import type { JobPosting } from '@pathfinder/sdk';
import { useTestDatabase } from '../../src/testing/index.js';
import { writeJobBatch } from '../../src/engine/job-writer.js';
import { DataSource } from '../../src/db/entities/index.js';
import { preparePosting, type PreparedJob } from '../../src/pipeline/index.js';

const db = useTestDatabase();

const prepare = (sourceId: string, p: Partial<JobPosting>): PreparedJob => {
  const r = preparePosting({
    title: 'Data Analyst Co-op', companyName: 'Acme Inc.', originalUrl: 'https://a.example.ca/1', externalId: '1',
    description: 'Four months of dashboards.', city: 'Toronto', province: 'ON', ...p,
  }, { sourceId, now: new Date(), skipExpired: false });
  if (r.kind !== 'job') throw new Error('refused');
  return r.job;
};

async function source(name: string) {
  const em = db.orm.em.fork();
  const s = em.create(DataSource, { name, sourceType: 'scraper' });
  await em.flush();
  return s.id;
}

describe('writeJobBatch', () => {
  it('stores another source\'s copy of a job as its own row (the dedupe hash is unique per source)', async () => {
    const one = await source('writer one');
    const two = await source('writer two');
    const conn = db.orm.em.fork().getConnection();
    const first = await writeJobBatch(conn, one, [prepare(one, {})], new Date());
    expect(first).toMatchObject({ added: 1, duplicates: 0 });
    // Board two lists the same job (same company, title and place: same dedupe hash): no longer dropped.
    const second = await writeJobBatch(conn, two, [prepare(two, { companyName: 'ACME', originalUrl: 'https://b.example.ca/9', externalId: '9' })], new Date());
    expect(second).toMatchObject({ added: 1, duplicates: 0, unchanged: 0 });
    const rows = await conn.execute<{ source_id: string; dedupe_hash: string; company_key: string }[]>(
      'select source_id, dedupe_hash, company_key from jobs where source_id in (?, ?) order by created_at', [one, two],
    );
    expect(rows.map((r) => r.source_id)).toEqual([one, two]);
    expect(rows[0]!.dedupe_hash).toBe(rows[1]!.dedupe_hash);
    expect(rows.map((r) => r.company_key)).toEqual(['acme', 'acme']);
  });

  it('within one source, the same job under a new external id rewrites its row; twice in one batch is a duplicate', async () => {
    const one = await source('writer three');
    const conn = db.orm.em.fork().getConnection();
    const first = await writeJobBatch(conn, one, [prepare(one, {})], new Date());
    const moved = await writeJobBatch(conn, one, [prepare(one, { externalId: '2', originalUrl: 'https://a.example.ca/2' })], new Date());
    expect(moved).toMatchObject({ added: 0, updated: 1, duplicates: 0, updatedIds: first.addedIds });
    const twice = await writeJobBatch(conn, one, [
      prepare(one, { title: 'QA Co-op', externalId: '7' }), prepare(one, { title: 'QA Co-op', externalId: '8', originalUrl: 'https://a.example.ca/8' }),
    ], new Date());
    expect(twice).toMatchObject({ added: 1, duplicates: 1 });
  });
});
