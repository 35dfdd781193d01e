import { describe, expect, it } from 'vitest';
import { buildSearchSql } from '../../src/search/build-search-sql.js';
import { toSearchQuery } from '../../src/search/search-query.js';
import type { JobSearchFilters } from '../../src/search/search-filters.js';
import { useTestApp } from '../helpers.js';
import { sql } from './seed-jobs.js';

const t = useTestApp();

/** Every `alias.column` the search statements read, for each sort and every filter set. */
function columnsRead(alias: RegExp): Set<string> {
  const all: JobSearchFilters = { q: 'engineer', jobType: ['coop'], term: ['summer'], locationType: ['remote'], province: ['ON'], city: 'Ottawa', source: ['civicjobs'],
    withPay: true, deadlineAfter: '2026-01-01', postedAfter: '2026-01-01', majors: ['Civil'], skills: ['SQL'], remoteCanada: true };
  const found = new Set<string>();
  for (const sort of ['relevance', 'newest', 'deadline'] as const) {
    const { sql: text } = buildSearchSql(toSearchQuery({ ...all, sort }, { isAdmin: false }), { totalCap: 1000, rankWindow: 200 });
    for (const m of text.matchAll(new RegExp(`\\b(?:${alias.source})\\.([a-z_]+)\\b`, 'g'))) found.add(m[1]!);
  }
  return found;
}

/** The columns an UPDATE must set for the table's search-updated trigger to fire. */
async function triggerColumns(table: string): Promise<Set<string>> {
  const rows = await sql(t.app, `select a.attname from pg_trigger tg
    join pg_attribute a on a.attrelid = tg.tgrelid and a.attnum = any(tg.tgattr::int2[])
    where tg.tgrelid = ?::regclass and tg.tgname = ?`, [table, `${table}_notify_search_updated`]) as { attname: string }[];
  return new Set(rows.map((r) => r.attname));
}

describe('the search-changed triggers cover what the search reads', () => {
  it('every jobs column the search reads is one whose update notifies (generated and key columns aside)', async () => {
    const watched = await triggerColumns('jobs');
    expect(watched.size).toBeGreaterThan(10);
    // search_vector and rank_vector are generated from title, company_name and description; id never changes.
    const unwatchable = new Set(['search_vector', 'rank_vector', 'id']);
    const read = columnsRead(/j/);
    expect([...read]).toEqual(expect.arrayContaining(['title', 'province_code', 'salary_min', 'is_active', 'required_skills']));
    const missing = [...read].filter((c) => !watched.has(c) && !unwatchable.has(c));
    expect(missing).toEqual([]);
  });

  it('every data_sources column the search reads is one whose update notifies', async () => {
    const watched = await triggerColumns('data_sources');
    const read = columnsRead(/s|ds/);
    expect([...read]).toEqual(expect.arrayContaining(['name', 'plugin_id']));
    const missing = [...read].filter((c) => !watched.has(c));
    expect(missing).toEqual([]);
  });
});
