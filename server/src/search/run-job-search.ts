import type { EntityManager } from '@mikro-orm/postgresql';
import { encodeCursor } from './search-cursor.js';
import { buildSearchSql } from './build-search-sql.js';
import type { SearchQuery } from './search-query.js';

/** One job of a result page, as the search query returns it (times still as Postgres printed them). */
export interface JobSummaryRow {
  id: string;
  title: string;
  companyName: string;
  jobType: string;
  term: string | null;
  locationType: string;
  city: string | null;
  province: string | null;
  snippet: string;
  descriptionHighlights: string | null;
  withPay: boolean;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: string | null;
  applicationDeadline: string | null;
  academicCreditRequired: boolean;
  remoteCanada: boolean;
  datePosted: string | null;
  isActive: boolean;
  createdAt: string;
  sourceId: string;
  sourceName: string;
  pluginId: string | null;
  sourceType: string;
  /** The ts_rank_cd score, for relevance searches. */
  sk: number | string;
  cursorKey: string;
}

export interface FacetBucket {
  value: string;
  count: number;
  /** The source's display name (source facet only). */
  label?: string;
}

export interface SearchFacets {
  jobType: FacetBucket[];
  province: FacetBucket[];
  locationType: FacetBucket[];
  source: FacetBucket[];
}

export interface SearchResult {
  items: JobSummaryRow[];
  nextCursor: string | null;
  total: number;
  facets: SearchFacets;
}

interface FacetRow {
  facet: keyof SearchFacets | 'total';
  value: string | null;
  n: number;
  label: string | null;
  pluginId: string | null;
}

/**
 * Runs a checked search in one round trip and shapes the answer: the page, the cursor of the next
 * one, the total and the facets (each sorted by count, then value). Facets count the filtered set.
 *
 * @example
 * const result = await runJobSearch(em, toSearchQuery({ q: 'engineer', province: ['ON'] }, { isAdmin: false }));
 */
export async function runJobSearch(em: EntityManager, query: SearchQuery): Promise<SearchResult> {
  const { sql, params } = buildSearchSql(query);
  const [row] = await em.getConnection().execute<{ items: JobSummaryRow[]; facets: FacetRow[] }[]>(sql, params);
  const rows = row.items;
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items.at(-1);
  const facets: SearchFacets = { jobType: [], province: [], locationType: [], source: [] };
  let total = 0;
  for (const f of row.facets) {
    if (f.facet === 'total') total = f.n;
    // Jobs without a province have no bucket: "unknown" is not something one can filter by.
    else if (f.value !== null) {
      facets[f.facet].push(f.facet === 'source'
        ? { value: f.pluginId ?? f.value, count: f.n, ...(f.label ? { label: f.label } : {}) }
        : { value: f.value, count: f.n });
    }
  }
  for (const list of Object.values(facets) as FacetBucket[][]) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ sort: query.sort, key: last.cursorKey, id: last.id }) : null,
    total,
    facets,
  };
}
