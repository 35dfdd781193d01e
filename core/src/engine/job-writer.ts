import type { Connection } from '@mikro-orm/core';
import { newId } from '../db/entities/ids.js';
import { companyBlockKeys } from '../clusters/company-block-keys.js';
import { companyKey, type PreparedJob } from '../pipeline/index.js';

/** What one batch did to the jobs table. */
export interface WriteCounts {
  added: number;
  updated: number;
  unchanged: number;
  /**
   * Postings not stored because the batch or the source already has that job: the plugin yielded it
   * twice, or under another external id with the same dedupe hash. A copy at another source is not a
   * duplicate here: it is stored as its own row and joined to the other copies by a cluster.
   */
  duplicates: number;
  /** Ids of the jobs this batch inserted (for alerts and clustering). */
  addedIds: string[];
  /** Ids of the jobs this batch rewrote (their content changed; for clustering). */
  updatedIds: string[];
}

interface ExistingRow {
  id: string;
  dedupe_hash: string;
  source_id: string;
  external_id: string | null;
  content_hash: string;
  update_prohibited: boolean;
  is_active: boolean;
}

function blockKeys(companyName: string) {
  const { keys, acronyms } = companyBlockKeys(companyName);
  return { company_block_keys: keys, company_acronyms: acronyms };
}

/** The job's columns as the JSON record `jsonb_to_recordset` reads (snake_case, arrays as JSON arrays). */
export function toRecord(job: PreparedJob, id: string, sourceId: string) {
  return {
    id,
    source_id: sourceId,
    title: job.title,
    company_name: job.companyName,
    job_type: job.jobType,
    term: job.term ?? null,
    location_type: job.locationType,
    city: job.city ?? null,
    province_code: job.province ?? null,
    description: job.description,
    description_html: job.descriptionHtml ?? null,
    with_pay: job.withPay,
    salary_min: job.salaryMin ?? null,
    salary_max: job.salaryMax ?? null,
    salary_period: job.salaryPeriod ?? null,
    application_deadline: job.applicationDeadline ?? null,
    academic_credit_required: job.academicCreditRequired,
    remote_canada: job.remoteCanada,
    minimum_gpa: job.minimumGpa ?? null,
    required_majors: job.requiredMajors,
    required_skills: job.requiredSkills,
    external_id: job.externalId ?? null,
    original_url: job.originalUrl,
    date_posted: job.datePosted ?? null,
    dedupe_hash: job.dedupeHash,
    content_hash: job.contentHash,
    company_key: companyKey(job.companyName),
    ...blockKeys(job.companyName),
  };
}

/** The recordset's column types, in the order `toRecord` lists them. */
export const RECORD_COLUMNS = `id text, source_id text, title text, company_name text, job_type text, term text, location_type text,
  city text, province_code text, description text, description_html text, with_pay boolean, salary_min float8, salary_max float8,
  salary_period text, application_deadline timestamptz, academic_credit_required boolean, remote_canada boolean, minimum_gpa float8,
  required_majors text[], required_skills text[], external_id text, original_url text, date_posted timestamptz, dedupe_hash text,
  content_hash text, company_key text, company_block_keys text[], company_acronyms text[]`;

const CONTENT_COLUMNS = [
  'title', 'company_name', 'job_type', 'term', 'location_type', 'city', 'province_code', 'description', 'description_html',
  'with_pay', 'salary_min', 'salary_max', 'salary_period', 'application_deadline', 'academic_credit_required', 'remote_canada',
  'minimum_gpa', 'required_majors', 'required_skills', 'external_id', 'original_url', 'date_posted', 'dedupe_hash', 'content_hash', 'company_key',
  'company_block_keys', 'company_acronyms',
];
const INSERT_COLUMNS = ['id', 'source_id', ...CONTENT_COLUMNS];

/** The insert, with or without `detail_fetched_at` (see {@link INSERT_SQL} and {@link CRAWL_INSERT_SQL}). */
const insertSql = (detailRead: boolean) => `insert into jobs (${INSERT_COLUMNS.join(', ')}, apply_url_at_posting, last_scraped_at, ${detailRead ? 'detail_fetched_at, ' : ''}created_at, updated_at)
  select ${INSERT_COLUMNS.map((c) => `x.${c}`).join(', ')}, x.original_url, s.seen, ${detailRead ? 's.seen, ' : ''}now(), now()
  from (select ?::timestamptz as seen) s cross join jsonb_to_recordset(?::jsonb) as x(${RECORD_COLUMNS})
  on conflict (source_id, dedupe_hash) do nothing
  returning id`;

/**
 * `INSERT … SELECT FROM jsonb_to_recordset(?) ON CONFLICT (source_id, dedupe_hash) DO NOTHING`: one statement
 * per batch. The dedupe hash is unique per source only: another source's copy of the job is a row of its own.
 * The apply URL is also kept as `apply_url_at_posting`, which updates never change (the apply redirect compares against it).
 * Parameters: the time the job was seen (`last_scraped_at`) and the records (`toRecord`, as JSON).
 */
export const INSERT_SQL = insertSql(false);

/**
 * A crawl's insert: as {@link INSERT_SQL}, and the posting's page was read now (`detail_fetched_at`,
 * what `ctx.known` reports to the plugin's next run).
 */
const CRAWL_INSERT_SQL = insertSql(true);

const UPDATE_SQL = `update jobs j set ${CONTENT_COLUMNS.map((c) => `${c} = x.${c}`).join(', ')},
    last_scraped_at = ?::timestamptz, detail_fetched_at = ?::timestamptz, updated_at = now(), is_active = true, archived_at = null, archive_reason = null
  from jsonb_to_recordset(?::jsonb) as x(${RECORD_COLUMNS})
  where j.id = x.id`;

const TOUCH_SQL = `update jobs set last_scraped_at = ?::timestamptz, detail_fetched_at = ?::timestamptz,
    is_active = case when archive_reason = 'no longer listed' then true else is_active end,
    archived_at = case when archive_reason = 'no longer listed' then null else archived_at end,
    archive_reason = case when archive_reason = 'no longer listed' then null else archive_reason end
  where id = any(array(select jsonb_array_elements_text(?::jsonb)))`;

// Two semi-joins, one per identity, rather than one scan with `dedupe_hash = any(…) or external_id =
// any(…)`: each finds its rows through its own index, and where Postgres does scan (a table it has
// not analysed yet, as in a first crawl), it hashes instead of comparing every row with all 500 keys.
// Measured in bench:ingest (10,000 postings into an empty table): 2.2 s of lookups (108 ms a batch)
// with the `or` form, 1.1 s with this one. (A semi-join under an `or` falls back to scanning the
// whole table every batch, hence a union.) Only this source's rows: other sources' copies of a job
// never stop this one being stored.
const EXISTING_COLUMNS = 'id, dedupe_hash, source_id, external_id, content_hash, update_prohibited, is_active';
const SELECT_SQL = `select ${EXISTING_COLUMNS} from jobs
  where source_id = ? and dedupe_hash in (select jsonb_array_elements_text(?::jsonb))
  union
  select ${EXISTING_COLUMNS} from jobs
  where source_id = ? and external_id in (select jsonb_array_elements_text(?::jsonb))`;

/**
 * Writes one batch of prepared jobs of one source, in four statements whatever the batch size:
 * look up what exists (by the source's external id first, then by dedupe hash), insert the new,
 * update the changed (content hash differs), and touch the unchanged so the run saw them.
 * `update_prohibited` jobs are only touched, never overwritten. Every job written or touched gets
 * `last_scraped_at` and `detail_fetched_at` = `seenAt` (the run's start): its posting was yielded
 * whole, so its page was read in this run. (Stamped here rather than by one update of all the run's
 * jobs at its end, which wrote each row a second time: 9 s of a 50,000-posting bench:ingest run.)
 */
export async function writeJobBatch(conn: Connection, sourceId: string, jobs: PreparedJob[], seenAt: Date): Promise<WriteCounts> {
  const counts: WriteCounts = { added: 0, updated: 0, unchanged: 0, duplicates: 0, addedIds: [], updatedIds: [] };
  if (jobs.length === 0) return counts;

  // Within a batch the last posting with a given identity wins (a plugin yielding a job twice).
  const byKey = new Map<string, PreparedJob>();
  for (const job of jobs) byKey.set(job.externalId ? `x:${job.externalId}` : `h:${job.dedupeHash}`, job);
  counts.duplicates += jobs.length - byKey.size;
  const batch = [...byKey.values()];

  const existing: ExistingRow[] = await conn.execute(SELECT_SQL, [
    sourceId,
    JSON.stringify(batch.map((j) => j.dedupeHash)),
    sourceId,
    JSON.stringify(batch.flatMap((j) => (j.externalId ? [j.externalId] : []))),
  ]);
  const byExternal = new Map<string, ExistingRow>();
  const byHash = new Map<string, ExistingRow>();
  for (const row of existing) {
    byHash.set(row.dedupe_hash, row);
    if (row.external_id) byExternal.set(row.external_id, row);
  }

  const inserts: ReturnType<typeof toRecord>[] = [];
  const updates: ReturnType<typeof toRecord>[] = [];
  const touches: string[] = [];
  const claimedHashes = new Set<string>();
  for (const job of batch) {
    const own = job.externalId ? byExternal.get(job.externalId) : undefined;
    const match = own ?? byHash.get(job.dedupeHash);
    if (!match) {
      if (claimedHashes.has(job.dedupeHash)) {
        counts.duplicates++;
        continue;
      }
      claimedHashes.add(job.dedupeHash);
      inserts.push(toRecord(job, newId(), sourceId));
      continue;
    }
    const hashOwner = byHash.get(job.dedupeHash);
    const collides = hashOwner !== undefined && hashOwner.id !== match.id;
    if (match.update_prohibited || match.content_hash === job.contentHash || collides) {
      touches.push(match.id);
      if (collides && !match.update_prohibited && match.content_hash !== job.contentHash) counts.duplicates++;
      else counts.unchanged++;
      continue;
    }
    updates.push(toRecord(job, match.id, sourceId));
  }

  const seen = seenAt.toISOString();
  if (inserts.length) {
    const rows: { id: string }[] = await conn.execute(CRAWL_INSERT_SQL, [seen, JSON.stringify(inserts)]);
    counts.added = rows.length;
    counts.addedIds = rows.map((r) => r.id);
    // A concurrent run of this source inserted the same job between our select and insert: not ours to count as added.
    counts.duplicates += inserts.length - rows.length;
  }
  if (updates.length) {
    await conn.execute(UPDATE_SQL, [seen, seen, JSON.stringify(updates)]);
    counts.updated = updates.length;
    counts.updatedIds = updates.map((u) => u.id);
  }
  if (touches.length) await conn.execute(TOUCH_SQL, [seen, seen, JSON.stringify(touches)]);
  return counts;
}
