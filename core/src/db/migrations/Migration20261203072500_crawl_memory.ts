import { Migration } from '@mikro-orm/migrations';

/** What re-crawls remember besides jobs and validators: postings read and not kept, robots.txt answers. */
export class Migration20261203072500_crawl_memory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "skipped_postings" ("id" varchar(32) not null, "source_id" varchar(32) not null, "external_id" text not null, "reason" text not null, "read_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "skipped_postings_pkey" primary key ("id"));`);
    this.addSql(`alter table "skipped_postings" add constraint "skipped_postings_source_id_external_id_unique" unique ("source_id", "external_id");`);
    this.addSql(`alter table "skipped_postings" add constraint "skipped_postings_source_id_foreign" foreign key ("source_id") references "data_sources" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "robots_files" ("id" varchar(32) not null, "url" text not null, "status" int not null, "body" text not null, "fetched_at" timestamptz not null, constraint "robots_files_pkey" primary key ("id"));`);
    this.addSql(`alter table "robots_files" add constraint "robots_files_url_unique" unique ("url");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "skipped_postings" cascade;`);
    this.addSql(`drop table if exists "robots_files" cascade;`);
  }

}
