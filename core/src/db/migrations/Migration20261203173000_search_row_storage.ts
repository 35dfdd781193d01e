import { Migration } from '@mikro-orm/migrations';

/**
 * The columns a search reads for every candidate row stay in that row. With the search vector kept
 * in the row (Migration20261203140000_search_storage), a job with a long vector was still over
 * Postgres's 2 kB target once its description had moved out, so Postgres moved the next-largest
 * `extended` columns out of line too, down to 24-byte ids: on 200,000 generated jobs a third of the
 * rows had their title and source id in TOAST, and every facet count, rank and result read them back
 * one index lookup each (a 500-row facet count: 1.2 ms and 1,700 page reads). `main` keeps these in
 * the row; Postgres then compresses the search vector itself before moving any of them. Applies to
 * rows written from now on; `VACUUM FULL jobs` rewrites the others (docs/operations.md).
 */
const COLUMNS = ['id', 'title', 'company_name', 'job_type', 'term', 'location_type', 'city', 'province_code', 'source_id', 'rank_vector', 'cluster_id', 'salary_period'];

export class Migration20261203173000_search_row_storage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "jobs" ${COLUMNS.map((c) => `alter column "${c}" set storage main`).join(', ')};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "jobs" ${COLUMNS.map((c) => `alter column "${c}" set storage extended`).join(', ')};`);
  }

}
