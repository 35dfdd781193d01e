import type { EntityManager } from '@mikro-orm/postgresql';
import { encodeCursor } from './search-cursor.js';
import { buildSearchSql, DEFAULT_PHRASE_TOTAL_CAP, DEFAULT_RANK_WINDOW, DEFAULT_TOTAL_CAP, hasPhrase } from './build-search-sql.js';
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
  /** The sort key (for relevance: the rank within the ranked window, -1 after it). */
  sk: number | string;
  /** The ts_rank_cd score, for relevance searches. */
  score: number | string | null;
  cursorKey: string;
  alsoPostedOn: { source: string; jobId: string; url: string }[];
}

export interface FacetBucket {
  value: string;
  count: number;
  /** The source's display name (source facet only). */
  label?: string;
}

export interface SearchFacets {
  jobType: FacetBucket[];
  term: FacetBucket[];
  province: FacetBucket[];
  locationType: FacetBucket[];
  source: FacetBucket[];
}

export interface SearchResult {
  items: JobSummaryRow[];
  nextCursor: string | null;
  /** The number of matches, or, when `totalIsExact` is false, how many were counted: there are more. */
  total: number;
  /** False when the search has more matches than it counts (`totalCap`): `total` is then a lower bound, and so is each facet count (they count the `total` matches counted). */
  totalIsExact: boolean;
  facets: SearchFacets;
}

export interface SearchRunOptions {
  /** Matches counted exactly (default {@link DEFAULT_TOTAL_CAP}). */
  totalCap?: number;
  /** Matches counted exactly when `q` has a quoted phrase (default {@link DEFAULT_PHRASE_TOTAL_CAP}; at most `totalCap`). */
  phraseTotalCap?: number;
  /** Newest matches ranked by a relevance search past the cap (default {@link DEFAULT_RANK_WINDOW}). */
  rankWindow?: number;
  /** The connection: `'read'` (the read replica when there is one, else the primary) or `'write'` (the primary). */
  from?: 'read' | 'write';
}

/** One cell of the facet count: how many matches share these five values. */
interface FacetCell {
  jobType: string;
  term: string | null;
  province: string | null;
  locationType: string;
  source: string;
  n: number;
  label: string | null;
  pluginId: string | null;
}

/** Sums the cells into the total and each facet's buckets (each sorted by count, then value). */
function sumFacets(cells: FacetCell[]): { total: number; facets: SearchFacets } {
  const counts = { jobType: new Map<string, FacetBucket>(), term: new Map<string, FacetBucket>(), province: new Map<string, FacetBucket>(), locationType: new Map<string, FacetBucket>(), source: new Map<string, FacetBucket>() };
  const bump = (map: Map<string, FacetBucket>, value: string, n: number, label?: string | null) => {
    const bucket = map.get(value);
    if (bucket) {
      bucket.count += n;
      // Sources of one plugin share a bucket (the filter takes the plugin id): name it the same
      // whatever order the cells came in.
      if (label && (!bucket.label || label.localeCompare(bucket.label) < 0)) bucket.label = label;
    } else map.set(value, { value, count: n, ...(label ? { label } : {}) });
  };
  let total = 0;
  for (const c of cells) {
    total += c.n;
    bump(counts.jobType, c.jobType, c.n);
    // Like provinces: a job without a term is in no term bucket.
    if (c.term !== null) bump(counts.term, c.term, c.n);
    // Jobs without a province have no bucket: "unknown" is not something one can filter by.
    if (c.province !== null) bump(counts.province, c.province, c.n);
    bump(counts.locationType, c.locationType, c.n);
    bump(counts.source, c.pluginId ?? c.source, c.n, c.label);
  }
  const sorted = (map: Map<string, FacetBucket>) => [...map.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    total,
    facets: { jobType: sorted(counts.jobType), term: sorted(counts.term), province: sorted(counts.province), locationType: sorted(counts.locationType), source: sorted(counts.source) },
  };
}

interface SearchRow {
  items: JobSummaryRow[];
  facets: FacetCell[];
  /** Rows in the window: `totalCap + 1` means there are more matches than counted. */
  windowSize: number;
  /** Relevance: where the ranked part ends, when older matches follow it. */
  bound: { key: string; id: string } | null;
}

/**
 * Runs a checked search in one round trip and shapes the answer: the page, the cursor of the next
 * one, the total and the facets (each sorted by count, then value). Up to `totalCap` matches (`phraseTotalCap`
 * when `q` has a quoted phrase) the
 * total and facets are exact; past it `totalIsExact` is false, the total is the cap and the facets
 * count the matches counted (whichever Postgres read first). `options.from` picks the connection: the read replica
 * (default; the primary when there is none) or the primary itself.
 *
 * @example
 * const result = await runJobSearch(em, toSearchQuery({ q: 'engineer', province: ['ON'] }, { isAdmin: false }));
 */
export async function runJobSearch(em: EntityManager, query: SearchQuery, options: SearchRunOptions = {}): Promise<SearchResult> {
  const totalCap = Math.min(options.totalCap ?? DEFAULT_TOTAL_CAP,
    hasPhrase(query.q) ? options.phraseTotalCap ?? DEFAULT_PHRASE_TOTAL_CAP : Infinity);
  const { sql, params } = buildSearchSql(query, { totalCap, rankWindow: options.rankWindow ?? DEFAULT_RANK_WINDOW });
  // 'read': the read replica when there is one (DATABASE_READ_URL), else the primary.
  const [row] = await em.getConnection(options.from ?? 'read').execute<SearchRow[]>(sql, params);
  const rows = row.items;
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items.at(-1);
  const { total, facets } = sumFacets(row.facets);
  const bound = row.bound ?? undefined;
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ sort: query.sort, key: last.cursorKey, id: last.id, bound }) : null,
    total,
    totalIsExact: row.windowSize <= totalCap,
    facets,
  };
}
