import { Migration } from '@mikro-orm/migrations';

/**
 * The clustering stage looks for a batch's copies at the *other* sources. With GINs over the employer
 * keys alone, it read every active job of the batch's own source sharing an employer with it, only to
 * drop it (63 ms a batch of 500 at 20,000 jobs of one source, growing with the source). With the
 * source as the index's second column (`btree_gin`, installed by Migration20261203141119), it asks
 * for each other source's jobs and reads only those.
 */
export class Migration20261203180000_cluster_keys_by_source extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "jobs_company_block_keys_index";`);
    this.addSql(`drop index "jobs_company_acronyms_index";`);
    this.addSql(`create index "jobs_company_block_keys_index" on "jobs" using gin (company_block_keys, source_id) with (fastupdate = off) where is_active;`);
    this.addSql(`create index "jobs_company_acronyms_index" on "jobs" using gin (company_acronyms, source_id) with (fastupdate = off) where is_active;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_company_block_keys_index";`);
    this.addSql(`drop index "jobs_company_acronyms_index";`);
    this.addSql(`create index "jobs_company_block_keys_index" on "jobs" using gin (company_block_keys) with (fastupdate = off) where is_active;`);
    this.addSql(`create index "jobs_company_acronyms_index" on "jobs" using gin (company_acronyms) with (fastupdate = off) where is_active;`);
  }

}
