import type { SearchQuery } from './search-query.js';
import { timeKeySql } from './search-cursor.js';
import { fragment, rawSql, sql, type SqlFragment, type SqlStatement } from './sql-fragment.js';

export type { SqlStatement } from './sql-fragment.js';

/**
 * How many matches a search counts exactly (and ranks, for relevance) by default. Beyond it the
 * answer says "at least this many" (`totalIsExact: false`). The count's cost grows with it where a
 * match must be read to be confirmed (a phrase, or a walk in newest order): 500 rather than 1,000
 * took the uncached mixed searches on 200,000 jobs from p50 24 / p95 57 ms to 15 / 39 ms in Postgres
 * (see `docs/api.md` and `bench/search.ts`).
 */
export const DEFAULT_TOTAL_CAP = 500;

/**
 * The cap of a search whose `q` has a quoted phrase of two or more words (`"supply chain"`): the
 * index finds the jobs with both words, and each must be read to confirm they stand side by side.
 * Where both words are common and the phrase is not, 500 matches took reading ~11,000 jobs (19 ms on
 * 200,000 generated jobs, where each word is in half the jobs and the phrase in 4 %); 100 take a fifth.
 */
export const DEFAULT_PHRASE_TOTAL_CAP = 100;

/**
 * Whether websearch syntax `q` asks for a phrase: a quoted run of two or more words, not excluded
 * (`-"…"` only rules jobs out, so it costs nothing extra). An unclosed quote runs to the end, as in
 * `websearch_to_tsquery`.
 *
 * @example
 * hasPhrase('"supply chain" analyst'); // true
 * hasPhrase('supply chain -"night shift"'); // false
 */
export function hasPhrase(q: string | undefined): boolean {
  if (!q) return false;
  const parts = q.split('"');
  // Odd parts are inside quotes; the part before each says whether it is negated.
  for (let i = 1; i < parts.length; i += 2) {
    if (/[\p{L}\p{N}]+[^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(parts[i]!) && !/-\s*$/.test(parts[i - 1]!)) return true;
  }
  return false;
}

/**
 * How many of the newest matches a relevance search ranks when it has more than the cap (5 pages
 * of 20, further than most readers page): they are read off a newest-first index, and a rare word
 * costs a walk of many rows per match found.
 */
export const DEFAULT_RANK_WINDOW = 100;

const TSQUERY = "websearch_to_tsquery('english', ?)";

/**
 * Each sort's key expression and direction. The `newest` and `deadline` expressions are written
 * exactly like the partial indexes on `jobs` (see the Job entity) so Postgres walks the index for a
 * page instead of sorting every match; `coalesce` makes the keys non-null, so a keyset cursor works.
 * Relevance is `ts_rank_cd` on the small title+company vector (`rank_vector`), newest first among
 * equals: a match in the title beats one only in the description, and ranking stays cheap because
 * the job's whole `search_vector` is never de-TOASTed for it.
 */
const NEWEST = 'coalesce(j.date_posted, j.created_at)';
const rankOf = (q: string) => sql`ts_rank_cd(j.rank_vector, websearch_to_tsquery('english', ${q}))`;
const SORT_KEYS = {
  newest: { expr: NEWEST, dir: 'desc', cast: 'timestamptz' },
  deadline: { expr: "coalesce(j.application_deadline, 'infinity'::timestamptz)", dir: 'asc', cast: 'timestamptz' },
} as const;

/** How a key is printed for the cursor: text that casts back to exactly the same value. */
const timeKey = (col: string) => `case when isfinite(${col}) then ${timeKeySql(col)} else 'infinity' end`;
const keyText = (sort: SearchQuery['sort'], col: string, col2: string) =>
  (sort === 'relevance' ? `${col}::text || '|' || ${timeKey(col2)}` : timeKey(col));

/**
 * The other active copies of a clustered job (core/src/clusters), as `[{source, jobId, url}]`:
 * `source` is the data source's display name, `url` the copy's original posting. Read for the page only.
 */
const ALSO_POSTED_ON = `case when j.cluster_id is null then '[]'::json else coalesce((
    select json_agg(json_build_object('source', os.name, 'jobId', o.id, 'url', o.original_url) order by os.name, o.id)
      from jobs o join data_sources os on os.id = o.source_id
     where o.cluster_id = j.cluster_id and o.id <> j.id and o.is_active), '[]'::json) end as "alsoPostedOn"`;

/** The columns of one list item, camelCase so `json_agg` emits the API's names. */
const ITEM_COLUMNS = `j.id, j.title, j.company_name as "companyName", j.job_type as "jobType", j.term,
  j.location_type as "locationType", j.city, j.province_code as "province", left(j.description, 280) as "snippet",
  j.description_highlights as "descriptionHighlights", j.with_pay as "withPay", j.salary_min as "salaryMin",
  j.salary_max as "salaryMax", j.salary_period as "salaryPeriod", j.application_deadline as "applicationDeadline",
  j.academic_credit_required as "academicCreditRequired", j.remote_canada as "remoteCanada", j.date_posted as "datePosted",
  j.is_active as "isActive", j.created_at as "createdAt", s.id as "sourceId", s.name as "sourceName",
  s.plugin_id as "pluginId", s.source_type as "sourceType", ${ALSO_POSTED_ON}`;

/** `col = ?` for one value, `col = any(array[?, …])` for several (see {@link filterClause}). */
const oneOrAny = (column: string, values: string[]): [string, ...unknown[]] =>
  (values.length === 1 ? [`${column} = ?`, values[0]] : [`${column} = any(array[?]::text[])`, values]);

/** The WHERE clause of the filters (not the cursor), and its values. Every value is a placeholder. */
export function filterClause(s: SearchQuery): SqlStatement {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (!s.includeArchived) add('j.is_active');
  // One result per job: copies at other sources show under their cluster's representative (`alsoPostedOn`).
  add('j.is_representative');
  // A JS array binds as a comma-separated list of literals: `array[?]` becomes `array['ON', 'QC']`,
  // which the planner sees as constants. `= any(…)` rather than `in (…)`: Postgres turns a one-value
  // `in` into `=`, and an `=` with a constant joins an equivalence class, whose conditions it tests
  // after all the others, so a walk would read each row's search_vector before its province
  // (measured: 6 times the rows rechecked for `q` + one location type). Empty lists never get here
  // (toSearchQuery drops them).
  if (s.jobType) add('j.job_type = any(array[?]::text[])', s.jobType);
  if (s.term) add('j.term = any(array[?]::text[])', s.term);
  // One province or location type is the exception: as `=`, Postgres may read the newest matches
  // in order off that column's (column, newest) index, which is worth more than the test order.
  if (s.locationType) add(...oneOrAny('j.location_type', s.locationType));
  if (s.province) add(...oneOrAny('j.province_code', s.province));
  if (s.city) add('lower(j.city) = any(array[?]::text[])', s.city);
  if (s.source) add('j.source_id in (select ds.id from data_sources ds where ds.id in (?) or ds.plugin_id in (?))', s.source, s.source);
  // Bare booleans for the same reason (`col = true` would join an equivalence class).
  if (s.withPay !== undefined) add(s.withPay ? 'j.with_pay' : 'not j.with_pay');
  if (s.remoteCanada !== undefined) add(s.remoteCanada ? 'j.remote_canada' : 'not j.remote_canada');
  if (s.deadlineAfter) add('(j.application_deadline is null or j.application_deadline >= ?::timestamptz)', s.deadlineAfter.toISOString());
  if (s.postedAfter) add(`${NEWEST} >= ?::timestamptz`, s.postedAfter.toISOString());
  if (s.majors) add('exists (select 1 from unnest(j.required_majors) rm where lower(rm) in (?))', s.majors);
  if (s.skills) add('exists (select 1 from unnest(j.required_skills) rs where lower(rs) in (?))', s.skills);
  // Last: where Postgres walks an index and tests each row, the cheap column tests above run first
  // and the text match (which reads the job's TOASTed search_vector) only for the rows that pass them.
  if (s.q) add(`j.search_vector @@ ${TSQUERY}`, s.q);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** What shapes the statement besides the query itself. */
export interface SearchSqlOptions {
  /** Matches counted exactly; at least 1. */
  totalCap: number;
  /** Newest matches ranked when a relevance search has more than `totalCap` (at most `totalCap`). */
  rankWindow: number;
}

/** The page of a `newest` or `deadline` search, read straight from `jobs` in the sort's index order (a few rows past the cursor). */
function sortedPage(s: SearchQuery, where: SqlFragment): SqlFragment {
  const key = SORT_KEYS[s.sort as 'newest' | 'deadline'];
  const cmp = key.dir === 'desc' ? '<' : '>';
  const after = s.cursor ? sql`and (${rawSql(key.expr)}, j.id) ${rawSql(cmp)} (${s.cursor.key}::${rawSql(key.cast)}, ${s.cursor.id})` : rawSql('');
  return sql`select j.id, ${rawSql(key.expr)} as sk, null::timestamptz as sk2, null::real as score from jobs j where ${where} ${after}
      order by ${rawSql(key.expr)} ${rawSql(key.dir)}, j.id ${rawSql(key.dir)} limit ${s.limit + 1}`;
}

/**
 * The CTEs of a relevance page. A search with at most `totalCap` matches has them all in the
 * window: they are all ranked (`ts_rank_cd`, newest first among equals). A broader one is split at
 * a bound B, a position in newest order: its `rankWindow` newest matches (down to B) are ranked, and
 * the older ones follow, newest first (sort key -1, below any rank). Later pages carry B in the
 * cursor and rank the same jobs (plus any posted since), so paging reaches every match once.
 */
function relevanceCtes(s: SearchQuery, where: SqlFragment, options: SearchSqlOptions): SqlFragment {
  const rank = rankOf(s.q!);
  const newest = rawSql(NEWEST);
  const [cursorRank, cursorPosted] = s.cursor ? s.cursor.key.split('|') : [];
  const inRest = cursorRank !== undefined && Number(cursorRank) < 0;
  const exact = sql`(select count(*) from win) <= ${options.totalCap}`;

  let candidates: SqlFragment;
  let bound: SqlFragment;
  if (s.cursor?.bound) {
    // The jobs down to B: those of the first page's ranked part, and any posted since.
    bound = sql`select ${s.cursor.bound.key}::timestamptz as posted, ${s.cursor.bound.id}::varchar as id`;
    candidates = sql`select j.id, ${rank} as rk, ${newest} as posted from jobs j
      where ${where} and (${newest}, j.id) >= (${s.cursor.bound.key}::timestamptz, ${s.cursor.bound.id})`;
  } else {
    // Read only when the window is full: the newest matches, off the newest-first index.
    candidates = sql`select j.id, ${rank} as rk, ${newest} as posted from jobs j
      where ${where} and not ${exact}
      order by ${newest} desc, j.id desc limit ${Math.min(options.rankWindow, options.totalCap)}`;
    bound = rawSql('select posted, id from candidates order by posted, id limit 1');
  }
  const ranked = s.cursor?.bound
    ? rawSql('select id, rk, posted from candidates')
    : sql`select id, rk, posted from win where ${exact} union all select id, rk, posted from candidates`;
  // A cursor in the rest (rank -1) skips the ranked part; one in the ranked part continues it.
  const rankedPage = inRest
    ? rawSql('select null::varchar as id, null::real as sk, null::timestamptz as sk2, null::real as score where false')
    : sql`select id, rk as sk, posted as sk2, rk as score from ranked
        ${s.cursor ? sql`where (rk, posted, id) < (${cursorRank}::real, ${cursorPosted}::timestamptz, ${s.cursor.id})` : rawSql('')}
        order by rk desc, posted desc, id desc limit ${s.limit + 1}`;
  const restAfter = inRest ? sql`and (${newest}, j.id) < (${cursorPosted}::timestamptz, ${s.cursor!.id})` : rawSql('');
  // The rest is read only when the ranked part cannot fill the page (and there is a rest at all).
  const restPage = sql`select j.id, -1::real as sk, ${newest} as sk2, ${rank} as score from jobs j
      where ${where} and (${newest}, j.id) < (select posted, id from bound) ${restAfter}
        and exists (select 1 from bound) and (select count(*) from ranked_page) <= ${s.limit}
      order by ${newest} desc, j.id desc limit ${s.limit + 1}`;
  return sql`candidates as materialized (${candidates}),
  bound as (${bound}),
  ranked as (${ranked}),
  ranked_page as materialized (${rankedPage}),
  page as (select * from ranked_page union all (${restPage})),`;
}

/**
 * One statement for a whole search response: the page (limit + 1 rows, to know whether there is a
 * next one), the count and the facets. Everything is bounded: the window is at most `totalCap + 1`
 * matches, in whatever order Postgres finds them cheapest (a few thousand rows of a sequential or
 * index scan for a common word, the rows of a bitmap for a rare one); it is counted by one hash
 * aggregate over the five facet columns together (the caller sums the cells into the total and the
 * per-facet counts). A full window means "at least `totalCap`": the facets then count `totalCap` of
 * the matches, so each is a lower bound. Relevance ranks at most `totalCap` matches (see
 * {@link relevanceCtes}); `newest` and `deadline` pages are read in index order.
 *
 * Returns one row `{items: json[], facets: {jobType, term, province, locationType, source, n, label, pluginId}[],
 * windowSize: number, bound: {key, id} | null}`.
 */
export function buildSearchSql(s: SearchQuery, options: SearchSqlOptions): SqlStatement {
  const cap = Math.max(1, Math.floor(options.totalCap));
  const limits = { totalCap: cap, rankWindow: Math.max(1, Math.floor(options.rankWindow)) };
  const where = fragment(filterClause(s));
  const relevance = s.sort === 'relevance';
  const dir = s.sort === 'relevance' ? 'desc' : SORT_KEYS[s.sort].dir;
  // Relevance keeps each match's rank and time: a window that holds every match is ranked whole.
  const rankColumns = relevance ? sql`, j.id, ${rankOf(s.q!)} as rk, ${rawSql(NEWEST)} as posted` : rawSql('');

  const statement = sql`with win as materialized (
    select j.job_type, j.term, j.province_code, j.location_type, j.source_id ${rankColumns}
    from jobs j where ${where} limit ${cap + 1}
  ),
  counted as (select * from win limit ${cap}),
  ${relevance ? relevanceCtes(s, where, limits) : sql`page as (${sortedPage(s, where)}),`}
  facets as (
    select job_type, term, province_code, location_type, source_id, count(*)::int as n
    from counted group by job_type, term, province_code, location_type, source_id
  ),
  items as (
    select p.sk, p.sk2, p.score, ${rawSql(keyText(s.sort, 'p.sk', 'p.sk2'))} as "cursorKey", ${rawSql(ITEM_COLUMNS)}
    from page p join jobs j on j.id = p.id join data_sources s on s.id = j.source_id
  )
  select
    (select coalesce(json_agg(i order by i.sk ${rawSql(dir)}, i.sk2 ${rawSql(dir)}, i.id ${rawSql(dir)}), '[]'::json) from items i) as items,
    (select coalesce(json_agg(json_build_object('jobType', f.job_type, 'term', f.term, 'province', f.province_code, 'locationType', f.location_type,
       'source', f.source_id, 'n', f.n, 'label', ds.name, 'pluginId', ds.plugin_id)), '[]'::json)
       from facets f left join data_sources ds on ds.id = f.source_id) as facets,
    (select count(*)::int from win) as "windowSize",
    ${relevance ? rawSql(`(select json_build_object('key', ${timeKey('b.posted')}, 'id', b.id) from bound b)`) : rawSql('null::json')} as bound`;
  return { sql: statement.sql, params: statement.params };
}
