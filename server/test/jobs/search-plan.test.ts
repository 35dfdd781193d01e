import { describe, expect, it } from 'vitest';
import { buildSearchSql } from '../../src/search/build-search-sql.js';
import { toSearchQuery } from '../../src/search/search-query.js';
import { useTestApp } from '../helpers.js';

const t = useTestApp({ services: { searchCache: false } });

/** Every `Filter:` line of the statement's plan, in plan order. */
async function filters(query: Parameters<typeof toSearchQuery>[0]): Promise<string[]> {
  const { sql, params } = buildSearchSql(toSearchQuery(query, { isAdmin: false }), { totalCap: 1000, rankWindow: 200 });
  const rows = await t.db.orm.em.fork().getConnection().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN'].trim()).filter((line) => line.startsWith('Filter:') && line.includes('search_vector @@'));
}

describe('the search statement', () => {
  // Postgres tests a row's conditions in order of cost, ties in the order written, except that an
  // `=` with a constant is held back and tested last: the text match, which reads the row's whole
  // search_vector, would then run before a province or a location type rules the row out.
  it('tests each row\'s cheap filters before its text match, whatever they are', async () => {
    const lines = await filters({ q: 'engineer', province: ['ON'], locationType: ['remote'], jobType: ['coop'], term: ['summer'], city: 'Ottawa', withPay: true, remoteCanada: false, sort: 'newest' });
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

  it('stores the search vector in the row and the description beside it', async () => {
    const rows = await t.db.orm.em.fork().getConnection().execute<{ attname: string; attstorage: string }[]>(
      "select attname, attstorage from pg_attribute where attrelid = 'jobs'::regclass and attname in ('search_vector', 'description', 'description_html') order by attname");
    expect(Object.fromEntries(rows.map((r) => [r.attname, r.attstorage]))).toEqual({ description: 'e', description_html: 'e', search_vector: 'm' });
  });
});
