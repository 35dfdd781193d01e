import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180135_auth_hardening extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "login_throttles" ("key" varchar(400) not null, "attempts" int not null default 0, "last_attempt_at" timestamptz not null, "next_allowed_at" timestamptz not null, constraint "login_throttles_pkey" primary key ("key"));`);
    this.addSql(`create index "login_throttles_last_attempt_at_index" on "login_throttles" ("last_attempt_at");`);

    this.addSql(`alter table "users" add column "email_verified_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttles" cascade;`);

    this.addSql(`alter table "users" drop column "email_verified_at";`);
  }

}
