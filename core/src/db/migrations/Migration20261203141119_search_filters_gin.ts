import { Migration } from '@mikro-orm/migrations';

/**
 * One GIN over a job's search vector and its facet columns, for what a public search can find (see
 * the index's comment on the Job entity). btree_gin (a contrib extension that ships with Postgres
 * and is trusted: a database owner may create it) gives GIN its plain-value columns.
 */
export class Migration20261203141119_search_filters_gin extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gin;`);
    this.addSql(`create index "jobs_active_search_filters_index" on "jobs" using gin (search_vector, province_code, job_type, location_type, term) where is_active and is_representative;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_active_search_filters_index";`);
  }

}
