import { Migration } from '@mikro-orm/migrations';

export class Migration20261202181559 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "jobs" add column "apply_url_at_posting" text null;`);
    // Jobs stored before this column: their URL now is the best record of the one they were posted with.
    this.addSql(`update "jobs" set "apply_url_at_posting" = "original_url";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "jobs" drop column "apply_url_at_posting";`);
  }

}
