import { Migration } from '@mikro-orm/migrations';

export class Migration20261126071504 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "scrape_logs" drop constraint if exists "scrape_logs_status_check";`);

    this.addSql(`alter table "scrape_logs" add constraint "scrape_logs_status_check" check("status" in ('queued', 'running', 'success', 'failed', 'aborted'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scrape_logs" drop constraint if exists "scrape_logs_status_check";`);

    this.addSql(`alter table "scrape_logs" add constraint "scrape_logs_status_check" check("status" in ('running', 'success', 'failed', 'aborted'));`);
  }

}
