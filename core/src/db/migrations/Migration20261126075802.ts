import { Migration } from '@mikro-orm/migrations';

export class Migration20261126075802 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "jobs" add column "rank_vector" tsvector generated always as (setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(company_name, ''::text)), 'B'::"char")) stored null;`);
    this.addSql(`create index "jobs_active_newest_index" on "jobs" (coalesce(date_posted, created_at), id) where is_active;`);
    this.addSql(`create index "jobs_active_deadline_index" on "jobs" (coalesce(application_deadline, 'infinity'::timestamptz), id) where is_active;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_active_newest_index";`);
    this.addSql(`drop index "jobs_active_deadline_index";`);
    this.addSql(`alter table "jobs" drop column "rank_vector";`);
  }

}
