import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180728 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "url_validators" ("id" varchar(32) not null, "source_id" varchar(32) not null, "url" text not null, "etag" text null, "last_modified" text null, "fetched_at" timestamptz not null, constraint "url_validators_pkey" primary key ("id"));`);
    this.addSql(`alter table "url_validators" add constraint "url_validators_source_id_url_unique" unique ("source_id", "url");`);

    this.addSql(`alter table "url_validators" add constraint "url_validators_source_id_foreign" foreign key ("source_id") references "data_sources" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "jobs" add column "detail_fetched_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "url_validators" cascade;`);

    this.addSql(`alter table "jobs" drop column "detail_fetched_at";`);
  }

}
