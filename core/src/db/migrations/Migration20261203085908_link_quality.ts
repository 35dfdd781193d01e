import { Migration } from '@mikro-orm/migrations';

export class Migration20261203085908_link_quality extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "jobs" add column "link_final_url" text null, add column "link_response_ms" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "jobs" drop column "link_final_url", drop column "link_response_ms";`);
  }

}
