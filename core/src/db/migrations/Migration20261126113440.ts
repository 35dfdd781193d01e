import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113440 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "jobs_active_job_type_index" on "jobs" (job_type) where is_active;`);
    this.addSql(`create index "jobs_active_location_type_index" on "jobs" (location_type) where is_active;`);
    this.addSql(`create index "jobs_active_term_index" on "jobs" (term) where is_active;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_active_job_type_index";`);
    this.addSql(`drop index "jobs_active_location_type_index";`);
    this.addSql(`drop index "jobs_active_term_index";`);
  }

}
