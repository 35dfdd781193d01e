import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { FullTextType } from '@mikro-orm/postgresql';
import { newId, JOB_TERMS, JOB_TYPES, LOCATION_TYPES, SALARY_PERIODS } from './ids.js';
import { DataSource } from './data-source.js';
import { Province } from './province.js';
import { JobCluster } from './job-cluster.js';

/**
 * Title and company weigh A and B, the description D, so a match in the title ranks first.
 * Declared here (not in raw SQL) so generated migrations keep it; its inputs are `text` columns
 * because a varchar in a generated expression makes every schema diff re-create the column. It is
 * written exactly as Postgres prints it back, so comparing entities with the database finds no change.
 */
const SEARCH_VECTOR =
  "((setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::\"char\") || " +
  "setweight(to_tsvector('english'::regconfig, COALESCE(company_name, ''::text)), 'B'::\"char\")) || " +
  "setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'D'::\"char\")) stored";

/**
 * Title (A) and company (B) only: what relevance is ranked on. Small enough to stay inside the row,
 * so ranking thousands of matches does not de-TOAST each job's whole `search_vector` (measured about
 * five times faster at 200,000 jobs); matching still uses `search_vector`, so words of the description find a job.
 */
const RANK_VECTOR =
  "(setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::\"char\") || " +
  "setweight(to_tsvector('english'::regconfig, COALESCE(company_name, ''::text)), 'B'::\"char\")) stored";

export const Job = defineEntity({
  name: 'Job',
  tableName: 'jobs',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    title: p.text().index(),
    companyName: p.text().index(),
    jobType: p.enum([...JOB_TYPES]),
    term: p.enum([...JOB_TERMS]).nullable(),
    locationType: p.enum([...LOCATION_TYPES]).default('onsite'),
    city: p.string().length(120).nullable(),
    province: p.manyToOne(Province).nullable().deleteRule('set null').index(),
    description: p.text(),
    descriptionHtml: p.text().nullable().lazy(true, false),
    descriptionHighlights: p.text().nullable(),
    withPay: p.boolean().default(true),
    salaryMin: p.double().$type<number>().nullable(),
    salaryMax: p.double().$type<number>().nullable(),
    salaryPeriod: p.enum([...SALARY_PERIODS]).nullable(),
    applicationDeadline: p.datetime().nullable(),
    academicCreditRequired: p.boolean().default(false),
    remoteCanada: p.boolean().default(false),
    minimumGpa: p.double().$type<number>().nullable(),
    requiredMajors: p.array().default([]),
    requiredSkills: p.array().default([]),
    source: p.manyToOne(DataSource).deleteRule('cascade'),
    externalId: p.string().length(200).nullable(),
    originalUrl: p.text(),
    /**
     * The apply URL the job had when first stored; the apply redirect asks before sending anyone to
     * another site than this one (an employer or board could later point a trusted listing elsewhere).
     */
    applyUrlAtPosting: p.text().nullable(),
    datePosted: p.datetime().nullable(),
    lastScrapedAt: p.datetime().onCreate(() => new Date()),
    /**
     * When a run last yielded the posting in full (its detail read), as opposed to `lastScrapedAt`,
     * which a run reporting it `stillListed` moves too: how old the stored content is (SDK 1.1 `ctx.known`).
     */
    detailFetchedAt: p.datetime().nullable(),
    /** Unique per source (see the entity's uniques): two sources listing one job keep a row each, joined by a cluster. */
    dedupeHash: p.string().length(64),
    /**
     * The employer's name folded as in the dedupe key (`companyKey`: accents, case, "Inc."…): what
     * the clustering stage compares first to find a job's copies at other sources.
     */
    companyKey: p.string().length(200).nullable().index(),
    /**
     * The keys the clustering stage blocks on (`companyBlockKeys`): the folded name, its canonical
     * words, and the word a one-word name is; and the acronyms a longer name may be shortened to. A
     * job meets another sharing a key, or whose key is one of its acronyms ("RBC" / "Royal Bank of
     * Canada"). Both GIN-indexed.
     */
    companyBlockKeys: p.array().default([]),
    companyAcronyms: p.array().default([]),
    /** The cluster of copies of this job at other sources, if any (core/src/clusters). */
    cluster: p.manyToOne(JobCluster).nullable().deleteRule('set null').index(),
    /**
     * Whether search shows this job: true for a job in no cluster and for its cluster's
     * representative, false for the other copies (listed under the representative's `alsoPostedOn`).
     */
    isRepresentative: p.boolean().default(true),
    contentHash: p.string().length(64),
    isActive: p.boolean().default(true).index(),
    updateProhibited: p.boolean().default(false),
    archivedAt: p.datetime().nullable(),
    archiveReason: p.string().length(200).nullable(),
    employerNotes: p.text().nullable(),
    /** Link validation: when the original URL was last checked, and the run of failures so far. */
    linkCheckedAt: p.datetime().nullable(),
    linkFailingSince: p.datetime().nullable(),
    linkFailureCount: p.integer().default(0),
    linkLastError: p.string().length(200).nullable(),
    /** Where the last good check of the link ended when a redirect took it elsewhere; null when it stayed. */
    linkFinalUrl: p.text().nullable(),
    /** How long the last good check's final exchange took, in milliseconds (the crawl delay not counted). */
    linkResponseMs: p.integer().nullable(),
    searchVector: p.type(new FullTextType('english')).generated(SEARCH_VECTOR).nullable().lazy(true, false),
    rankVector: p.type(new FullTextType('english')).generated(RANK_VECTOR).nullable().lazy(true, false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
  uniques: [{ properties: ['source', 'dedupeHash'] }],
  indexes: [
    { properties: ['searchVector'], type: 'fulltext' },
    { properties: ['source', 'externalId'] },
    { properties: ['isActive', 'datePosted'] },
    { properties: ['isActive', 'createdAt'] },
    // The job search's sort keys (server/src/search/build-search-sql.ts), written exactly as it sorts:
    // a page of active jobs is read off the index instead of sorting every active job.
    { name: 'jobs_active_newest_index', expression: 'create index "jobs_active_newest_index" on "jobs" (coalesce(date_posted, created_at), id) where is_active' },
    { name: 'jobs_active_deadline_index', expression: 'create index "jobs_active_deadline_index" on "jobs" (coalesce(application_deadline, \'infinity\'::timestamptz), id) where is_active' },
    // The search's facet filters: a broad `q` ANDed with one of them (a GIN bitmap with a btree
    // bitmap) visits only the jobs matching both, not every match of `q` (`q=data&locationType=remote`
    // on 200,000 jobs: 100 ms instead of 860 ms).
    { name: 'jobs_active_job_type_index', expression: 'create index "jobs_active_job_type_index" on "jobs" (job_type) where is_active' },
    { name: 'jobs_active_location_type_index', expression: 'create index "jobs_active_location_type_index" on "jobs" (location_type) where is_active' },
    { name: 'jobs_active_term_index', expression: 'create index "jobs_active_term_index" on "jobs" (term) where is_active' },
    // The four facet columns together: without `q`, the total and facets of a browse (`/jobs`,
    // `?province=ON`) come from an index-only scan instead of the whole table (200,000 jobs: the
    // facet count 290 ms -> 60 ms; `province=ON` 18 ms).
    // The clustering stage's candidates: active jobs sharing one of a posting's employer keys (core/src/clusters).
    // No pending list (fastupdate off): a batch looks up a thousand keys at once, and each would scan
    // the whole unmerged list (measured 436 ms for 1,000 keys after 5,000 inserts; 50 ms without it).
    { name: 'jobs_company_block_keys_index', expression: 'create index "jobs_company_block_keys_index" on "jobs" using gin (company_block_keys, source_id) with (fastupdate = off) where is_active' },
    { name: 'jobs_company_acronyms_index', expression: 'create index "jobs_company_acronyms_index" on "jobs" using gin (company_acronyms, source_id) with (fastupdate = off) where is_active' },
    { name: 'jobs_active_facets_index', expression: 'create index "jobs_active_facets_index" on "jobs" (province_code, job_type, location_type, source_id) where is_active' },
    // A search's text and facet filters in one GIN (btree_gin): Postgres intersects them inside the
    // index, so the bitmap holds only the jobs that match all of them, where ANDing a GIN bitmap of
    // a broad word (48,000 jobs of 200,000 for "engineer") with a btree one of a province (80,000)
    // cost more than the rows it then read (`q=engineer&province=QC`: its count 41 ms -> 11 ms).
    // Only what a public search can find (active representatives); an admin's search of archived
    // jobs uses the plain GIN on search_vector.
    // The newest matches within one province or one location type, read in order: a walk for the
    // newest matches of `q=python&locationType=remote` visits the remote jobs only (1,600 rows on
    // 200,000 jobs, where the newest-first index made it visit 10,400).
    { name: 'jobs_active_province_newest_index', expression: 'create index "jobs_active_province_newest_index" on "jobs" (province_code, coalesce(date_posted, created_at), id) where is_active and is_representative' },
    { name: 'jobs_active_location_newest_index', expression: 'create index "jobs_active_location_newest_index" on "jobs" (location_type, coalesce(date_posted, created_at), id) where is_active and is_representative' },
    { name: 'jobs_active_search_filters_index', expression: 'create index "jobs_active_search_filters_index" on "jobs" using gin (search_vector, province_code, job_type, location_type, term) where is_active and is_representative' },
  ],
});
export type IJob = InferEntity<typeof Job>;
