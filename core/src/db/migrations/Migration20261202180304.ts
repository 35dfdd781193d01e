import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180304 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "scrape_logs" drop constraint if exists "scrape_logs_status_check";`);

    this.addSql(`alter table "scrape_logs" add column "partial_reason" text check ("partial_reason" in ('empty', 'shrunk', 'limited')) null, add column "partial_message" text null, add column "progress" jsonb null;`);
    this.addSql(`alter table "scrape_logs" add constraint "scrape_logs_status_check" check("status" in ('queued', 'running', 'success', 'partial', 'failed', 'aborted'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scrape_logs" drop constraint if exists "scrape_logs_status_check";`);

    this.addSql(`alter table "scrape_logs" drop column "partial_reason", drop column "partial_message", drop column "progress";`);

    this.addSql(`alter table "scrape_logs" add constraint "scrape_logs_status_check" check("status" in ('queued', 'running', 'success', 'failed', 'aborted'));`);
  }

}
