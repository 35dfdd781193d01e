import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141354_filter_newest_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "jobs_active_province_newest_index" on "jobs" (province_code, coalesce(date_posted, created_at), id) where is_active and is_representative;`);
    this.addSql(`create index "jobs_active_location_newest_index" on "jobs" (location_type, coalesce(date_posted, created_at), id) where is_active and is_representative;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_active_province_newest_index";`);
    this.addSql(`drop index "jobs_active_location_newest_index";`);
  }

}
