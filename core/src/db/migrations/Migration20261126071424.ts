import { Migration } from '@mikro-orm/migrations';

export class Migration20261126071424 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit_buckets" ("key" varchar(300) not null, "window_start" timestamptz not null, "count" int not null default 0, constraint "rate_limit_buckets_pkey" primary key ("key", "window_start"));`);
    this.addSql(`create index "rate_limit_buckets_window_start_index" on "rate_limit_buckets" ("window_start");`);

    this.addSql(`create table "password_reset_tokens" ("id" varchar(32) not null, "user_id" varchar(32) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "password_reset_tokens_pkey" primary key ("id"));`);
    this.addSql(`create index "password_reset_tokens_user_id_index" on "password_reset_tokens" ("user_id");`);
    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "password_reset_tokens" add constraint "password_reset_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);

    this.addSql(`drop table if exists "password_reset_tokens" cascade;`);
  }

}
