import { describe, expect, it } from 'vitest';
import { buildSearchSql } from '../../src/search/build-search-sql.js';
import { toSearchQuery } from '../../src/search/search-query.js';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';

const t = useTestApp({ services: { searchCache: false } });

/** The statement's plan, one line each; `settings` (e.g. `enable_sort = off`) apply to it alone. */
async function plan(query: Parameters<typeof toSearchQuery>[0], settings: string[] = []): Promise<string[]> {
  const { sql, params } = buildSearchSql(toSearchQuery(query, { isAdmin: false }), { totalCap: 1000, rankWindow: 200 });
  const em = t.db.orm.em.fork();
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    for (const setting of settings) await conn.execute(`set local ${setting}`, [], 'run', tx.getTransactionContext());
    const rows = await conn.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, params, 'all', tx.getTransactionContext());
    return rows.map((r) => r['QUERY PLAN'].trim());
  });
}

/** Every `Filter:` line of the statement's plan that tests the text. */
async function filters(query: Parameters<typeof toSearchQuery>[0]): Promise<string[]> {
  return (await plan(query)).filter((line) => line.startsWith('Filter:') && line.includes('search_vector @@'));
}

describe('the search statement', () => {
  // Postgres tests a row's conditions in order of cost, ties in the order written, except that an
  // `=` with a constant is held back and tested last: the text match, which reads the row's whole
  // search_vector, would then run before a province or a location type rules the row out.
  it('tests each row\'s cheap filters before its text match, whatever they are', async () => {
    // (Two provinces and two location types: one of each is the exception, pinned below.)
    const lines = await filters({ q: 'engineer', province: ['ON', 'QC'], locationType: ['remote', 'hybrid'], jobType: ['coop'], term: ['summer'], city: 'Ottawa', withPay: true, remoteCanada: false, sort: 'newest' });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const textAt = line.indexOf('search_vector @@');
      // (A city is compared through lower(), which the planner costs above the text match: it follows it.)
      for (const column of ['province_code', 'location_type', 'job_type', 'term', 'with_pay', 'remote_canada']) {
        const at = line.indexOf(column);
        // A condition the scan's index answers is not in its filter at all.
        if (at >= 0) expect(at, `${column} in: ${line}`).toBeLessThan(textAt);
      }
    }
  });

  // Where a sort is not needed, Postgres may read the newest matches of one province or location
  // type in order off its (column, newest) index instead of walking every job newest first.
  it('can read the newest matches of one province or one location type in order, without sorting them', async () => {
    const noSort = ['enable_sort = off', 'enable_seqscan = off', 'enable_bitmapscan = off'];
    const byProvince = await plan({ q: 'engineer', province: ['ON'], sort: 'newest' }, noSort);
    expect(byProvince.join('\n')).toMatch(/Index Scan Backward using jobs_active_province_newest_index[^\n]*\n\s*Index Cond: \(\(province_code\)::text = 'ON'/);
    const byLocation = await plan({ q: 'engineer', locationType: ['remote'], sort: 'newest' }, noSort);
    expect(byLocation.join('\n')).toMatch(/Index Scan Backward using jobs_active_location_newest_index[^\n]*\n\s*Index Cond: \(location_type = 'remote'/);
  });

  it('stores the search vector in the row and the description beside it', async () => {
    const rows = await t.db.orm.em.fork().getConnection().execute<{ attname: string; attstorage: string }[]>(
      "select attname, attstorage from pg_attribute where attrelid = 'jobs'::regclass and attname in ('search_vector', 'description', 'description_html') order by attname");
    expect(Object.fromEntries(rows.map((r) => [r.attname, r.attstorage]))).toEqual({ description: 'e', description_html: 'e', search_vector: 'm' });
  });

  // A long posting's vector alone is over Postgres's 2 kB row target: what a search reads for each
  // row (facets, rank, the result's fields) must not be pushed out of line to make room for it.
  it('keeps a long job\'s searched columns in its row, and only its description out of line', async () => {
    const source = await seedSource(t.app, { name: 'Long Board', pluginId: 'long-board' });
    const words = Array.from({ length: 400 }, (_, i) => `term${i.toString(36)}word`).join(' ');
    const [id] = await seedJobs(t.app, source, [posting({ title: 'Long Posting Analyst', description: `Analyse long postings. ${words}`, province: 'ON' })]);
    const columns = ['id', 'title', 'company_name', 'job_type', 'location_type', 'city', 'province_code', 'source_id', 'rank_vector', 'search_vector'];
    const [row] = await sql(t.app, `select ${columns.map((c) => `pg_column_toast_chunk_id(${c}) is not null as "${c}"`).join(', ')},
      pg_column_toast_chunk_id(description) is not null as "description" from jobs where id = ?`, [id]) as Record<string, boolean>[];
    expect(row).toEqual({ ...Object.fromEntries(columns.map((c) => [c, false])), description: true });
  });
});
