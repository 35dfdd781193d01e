import { Migration } from '@mikro-orm/migrations';
import { SEARCH_VISIBLE_JOB_COLUMNS } from './Migration20261126110000_search_change_notify.js';

/** The search also reads these now (one result per cluster, `alsoPostedOn`). */
const CLUSTER_COLUMNS = ['cluster_id', 'is_representative'] as const;

const ACCENTED = 'ÀÂÄÁÃÇÉÈÊËÎÏÍÔÖÓÙÛÜÚàâäáãçéèêëîïíôöóùûüúÿ';
const PLAIN = 'AAAAACEEEEIIIOOOUUUUaaaaaceeeeiiiooouuuuy';

/**
 * Existing jobs' `company_key`, in SQL: the same folding as `companyKey` in core/src/pipeline/dedupe-hash.ts
 * for the names seen in practice (French accents, "&", joiners, punctuation, a leading "The", trailing
 * legal forms). A name folded differently here only misses a cluster until its job is next written.
 */
const LEGAL_SUFFIX = `'^(.+) (inc|incorporated|ltd|limited|ltee|llc|llp|lp|ulc|corp|corporation|plc|gmbh)$', '\\1'`;
// No "?" anywhere (the migration runner would read it as a placeholder): greedy, twice, for "… Corp Inc".
const FOLD_COMPANY_SQL = `left(regexp_replace(regexp_replace(regexp_replace(btrim(regexp_replace(regexp_replace(replace(
    lower(translate(company_name, '${ACCENTED}', '${PLAIN}')), '&', ' and '), '[''’‘\`´.\\-]', '', 'g'), '[^[:alnum:]]+', ' ', 'g')),
    '^the (.+)$', '\\1'), ${LEGAL_SUFFIX}), ${LEGAL_SUFFIX}), 200)`;

/**
 * The cluster's representative (what search shows, `jobs.is_representative`): active members
 * first (an archived copy leaves the choice while there is an active one), then the employer's own
 * posting, a hand-entered one, a crawled one; then the most complete (salary, deadline, place, term,
 * posting date present; then the longer description); then the oldest.
 */
const PICK_REPRESENTATIVES_SQL = `create or replace function pathfinder_pick_cluster_representatives(ids text[]) returns void language sql as $$
  with ranked as (
    select distinct on (j.cluster_id) j.cluster_id, j.id
      from jobs j join data_sources s on s.id = j.source_id
     where j.cluster_id = any(ids)
     order by j.cluster_id, j.is_active desc,
       case s.source_type when 'employer' then 0 when 'manual' then 1 else 2 end,
       ((j.salary_min is not null or j.salary_max is not null)::int + (j.application_deadline is not null)::int
         + (j.city is not null or j.province_code is not null)::int + (j.term is not null)::int + (j.date_posted is not null)::int) desc,
       length(j.description) desc, j.created_at, j.id
  ), clusters as (
    update job_clusters c set representative_job_id = r.id, updated_at = now()
      from ranked r where c.id = r.cluster_id and c.representative_job_id is distinct from r.id
  )
  update jobs j set is_representative = (j.id = r.id)
    from ranked r where j.cluster_id = r.cluster_id and j.is_representative is distinct from (j.id = r.id);
$$;`;

/**
 * Cross-source duplicates (issue 16): each source keeps its own copy of a job (`dedupe_hash` unique
 * per source, no longer across sources), and copies are grouped into `job_clusters` with the evidence
 * of every link and the pairs an admin split. A trigger re-picks a cluster's representative whenever
 * a member is archived, restored or rewritten, whichever code path did it.
 */
export class Migration20261203102919_job_clusters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "job_clusters" ("id" varchar(32) not null, "representative_job_id" varchar(32) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "job_clusters_pkey" primary key ("id"));`);

    this.addSql(`create table "job_cluster_splits" ("id" varchar(32) not null, "job_a_id" varchar(32) not null, "job_b_id" varchar(32) not null, "created_by_id" varchar(32) null, "created_at" timestamptz not null, constraint "job_cluster_splits_pkey" primary key ("id"));`);
    this.addSql(`create index "job_cluster_splits_job_a_id_index" on "job_cluster_splits" ("job_a_id");`);
    this.addSql(`create index "job_cluster_splits_job_b_id_index" on "job_cluster_splits" ("job_b_id");`);
    this.addSql(`alter table "job_cluster_splits" add constraint "job_cluster_splits_job_a_id_job_b_id_unique" unique ("job_a_id", "job_b_id");`);

    this.addSql(`create table "job_cluster_members" ("id" varchar(32) not null, "cluster_id" varchar(32) not null, "job_id" varchar(32) not null, "matched_job_id" varchar(32) null, "score" double precision not null, "evidence" jsonb not null, "joined_at" timestamptz not null, constraint "job_cluster_members_pkey" primary key ("id"));`);
    this.addSql(`create index "job_cluster_members_cluster_id_index" on "job_cluster_members" ("cluster_id");`);
    this.addSql(`alter table "job_cluster_members" add constraint "job_cluster_members_job_id_unique" unique ("job_id");`);

    this.addSql(`alter table "job_cluster_splits" add constraint "job_cluster_splits_job_a_id_foreign" foreign key ("job_a_id") references "jobs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_cluster_splits" add constraint "job_cluster_splits_job_b_id_foreign" foreign key ("job_b_id") references "jobs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_cluster_splits" add constraint "job_cluster_splits_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "job_cluster_members" add constraint "job_cluster_members_cluster_id_foreign" foreign key ("cluster_id") references "job_clusters" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_cluster_members" add constraint "job_cluster_members_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_cluster_members" add constraint "job_cluster_members_matched_job_id_foreign" foreign key ("matched_job_id") references "jobs" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "jobs" drop constraint "jobs_dedupe_hash_unique";`);

    this.addSql(`alter table "jobs" add column "company_key" varchar(200) null, add column "cluster_id" varchar(32) null, add column "is_representative" boolean not null default true;`);
    this.addSql(`alter table "jobs" add constraint "jobs_cluster_id_foreign" foreign key ("cluster_id") references "job_clusters" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "jobs_company_key_index" on "jobs" ("company_key");`);
    this.addSql(`create index "jobs_cluster_id_index" on "jobs" ("cluster_id");`);
    this.addSql(`alter table "jobs" add constraint "jobs_source_id_dedupe_hash_unique" unique ("source_id", "dedupe_hash");`);

    this.addSql(`update "jobs" set "company_key" = ${FOLD_COMPANY_SQL};`);
    this.addSql(PICK_REPRESENTATIVES_SQL);
    this.addSql(`create or replace function pathfinder_cluster_member_changed() returns trigger language plpgsql as $$
begin
  perform pathfinder_pick_cluster_representatives(array[new.cluster_id]::text[]);
  return null;
end $$;`);
    // Not fired by the function's own update (is_representative is not in the list).
    this.addSql(`create trigger "jobs_cluster_member_changed" after update of "is_active", "description", "salary_min", "salary_max",
  "application_deadline", "city", "province_code", "term", "date_posted" on "jobs"
  for each row when (new.cluster_id is not null) execute function pathfinder_cluster_member_changed();`);
    this.recreateSearchTrigger([...SEARCH_VISIBLE_JOB_COLUMNS, ...CLUSTER_COLUMNS]);
  }

  private recreateSearchTrigger(columns: readonly string[]): void {
    this.addSql(`drop trigger if exists "jobs_notify_search_updated" on "jobs";`);
    this.addSql(`create trigger "jobs_notify_search_updated" after update of ${columns.map((c) => `"${c}"`).join(', ')} on "jobs"
  for each statement execute function pathfinder_notify_search_changed();`);
  }

  override async down(): Promise<void> {
    this.recreateSearchTrigger(SEARCH_VISIBLE_JOB_COLUMNS);
    this.addSql(`drop trigger if exists "jobs_cluster_member_changed" on "jobs";`);
    this.addSql('drop function if exists pathfinder_cluster_member_changed();');
    this.addSql('drop function if exists pathfinder_pick_cluster_representatives(text[]);');
    this.addSql(`alter table "jobs" drop constraint "jobs_cluster_id_foreign";`);

    this.addSql(`alter table "job_cluster_members" drop constraint "job_cluster_members_cluster_id_foreign";`);

    this.addSql(`drop table if exists "job_clusters" cascade;`);

    this.addSql(`drop table if exists "job_cluster_splits" cascade;`);

    this.addSql(`drop table if exists "job_cluster_members" cascade;`);

    this.addSql(`drop index "jobs_company_key_index";`);
    this.addSql(`drop index "jobs_cluster_id_index";`);
    this.addSql(`alter table "jobs" drop constraint "jobs_source_id_dedupe_hash_unique";`);
    this.addSql(`alter table "jobs" drop column "company_key", drop column "cluster_id", drop column "is_representative";`);

    this.addSql(`alter table "jobs" add constraint "jobs_dedupe_hash_unique" unique ("dedupe_hash");`);
  }

}
