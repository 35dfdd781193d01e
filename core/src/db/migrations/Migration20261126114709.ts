import { Migration } from '@mikro-orm/migrations';

export class Migration20261126114709 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "jobs_active_facets_index" on "jobs" (province_code, job_type, location_type, source_id) where is_active;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_active_facets_index";`);
  }

}
