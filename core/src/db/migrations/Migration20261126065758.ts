import { Migration } from '@mikro-orm/migrations';

export class Migration20261126065758 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "host_slots" ("host" varchar(255) not null, "next_allowed_at" timestamptz not null, constraint "host_slots_pkey" primary key ("host"));`);

    this.addSql(`create table "majors" ("id" varchar(32) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "majors_pkey" primary key ("id"));`);
    this.addSql(`alter table "majors" add constraint "majors_name_unique" unique ("name");`);

    this.addSql(`create table "provinces" ("code" varchar(2) not null, "name_en" varchar(60) not null, "name_fr" varchar(60) not null, constraint "provinces_pkey" primary key ("code"));`);

    this.addSql(`create table "skills" ("id" varchar(32) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "skills_pkey" primary key ("id"));`);
    this.addSql(`alter table "skills" add constraint "skills_name_unique" unique ("name");`);

    this.addSql(`create table "users" ("id" varchar(32) not null, "email" varchar(320) not null, "password_hash" text not null, "role" text check ("role" in ('student', 'graduate', 'employer', 'admin', 'superuser')) not null, "mfa_secret" text null, "mfa_pending_secret" text null, "mfa_enabled" boolean not null default false, "mfa_last_step" bigint null, "consent_given" boolean not null default false, "consent_date" timestamptz null, "consent_withdrawn" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" ("id" varchar(64) not null, "secret_hash" bytea not null, "user_id" varchar(32) not null, "created_at" timestamptz not null, "last_verified_at" timestamptz not null, "mfa_verified" boolean not null default false, "ip" varchar(64) null, "user_agent" varchar(400) null, constraint "sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(`create table "job_alerts" ("id" varchar(32) not null, "user_id" varchar(32) not null, "name" varchar(120) not null, "query" text null, "filters" jsonb not null default '{}', "frequency" text check ("frequency" in ('instant', 'daily', 'weekly')) not null default 'daily', "active" boolean not null default true, "last_run_at" timestamptz null, "last_sent_at" timestamptz null, "unsubscribe_token" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "job_alerts_pkey" primary key ("id"));`);
    this.addSql(`create index "job_alerts_user_id_index" on "job_alerts" ("user_id");`);
    this.addSql(`alter table "job_alerts" add constraint "job_alerts_unsubscribe_token_unique" unique ("unsubscribe_token");`);

    this.addSql(`create table "data_sources" ("id" varchar(32) not null, "name" varchar(200) not null, "source_type" text check ("source_type" in ('scraper', 'manual', 'employer')) not null default 'scraper', "base_url" text null, "crawl_delay_seconds" int not null default 5, "disallowed_paths" text[] not null default '{}', "contact_first_name" varchar(100) null, "contact_last_name" varchar(100) null, "contact_email" varchar(320) null, "contact_phone" varchar(40) null, "preferred_contact" varchar(40) null, "available_for_events" boolean not null default false, "is_sponsor" boolean not null default false, "canworks_hires" int not null default 0, "employee_count" varchar(40) null, "update_prohibited" boolean not null default false, "feed_method" varchar(40) null, "employer_user_id" varchar(32) null, "special_notes" text null, "plugin_id" varchar(40) null, "plugin_version" varchar(40) null, "sdk_range" varchar(60) null, "enabled" boolean not null default true, "schedule" varchar(120) null, "schedule_override" varchar(120) null, "plugin_config" jsonb not null default '{}', "crawl_state" jsonb not null default '{}', "consecutive_failures" int not null default 0, "paused_at" timestamptz null, "pause_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "data_sources_pkey" primary key ("id"));`);
    this.addSql(`alter table "data_sources" add constraint "data_sources_name_unique" unique ("name");`);
    this.addSql(`create index "data_sources_employer_user_id_index" on "data_sources" ("employer_user_id");`);
    this.addSql(`alter table "data_sources" add constraint "data_sources_plugin_id_unique" unique ("plugin_id");`);

    this.addSql(`create table "scrape_logs" ("id" varchar(32) not null, "source_id" varchar(32) not null, "status" text check ("status" in ('running', 'success', 'failed', 'aborted')) not null default 'running', "trigger" varchar(20) not null default 'manual', "started_at" timestamptz not null, "completed_at" timestamptz null, "duration_ms" int null, "jobs_found" int not null default 0, "jobs_added" int not null default 0, "jobs_updated" int not null default 0, "jobs_unchanged" int not null default 0, "jobs_archived" int not null default 0, "jobs_skipped" int not null default 0, "jobs_invalid" int not null default 0, "requests" int not null default 0, "plugin_version" varchar(40) null, "error_message" text null, "error_code" varchar(60) null, "details" jsonb not null default '{}', constraint "scrape_logs_pkey" primary key ("id"));`);
    this.addSql(`create index "scrape_logs_source_id_index" on "scrape_logs" ("source_id");`);
    this.addSql(`create index "scrape_logs_source_id_started_at_index" on "scrape_logs" ("source_id", "started_at");`);
    this.addSql(`create index "scrape_logs_status_index" on "scrape_logs" ("status");`);

    this.addSql(`create table "jobs" ("id" varchar(32) not null, "title" text not null, "company_name" text not null, "job_type" text check ("job_type" in ('coop', 'internship', 'new_grad')) not null, "term" text check ("term" in ('summer', 'fall', 'winter', 'year_round')) null, "location_type" text check ("location_type" in ('remote', 'hybrid', 'onsite')) not null default 'onsite', "city" varchar(120) null, "province_code" varchar(2) null, "description" text not null, "description_html" text null, "description_highlights" text null, "with_pay" boolean not null default true, "salary_min" double precision null, "salary_max" double precision null, "salary_period" text check ("salary_period" in ('hour', 'year')) null, "application_deadline" timestamptz null, "academic_credit_required" boolean not null default false, "remote_canada" boolean not null default false, "minimum_gpa" double precision null, "required_majors" text[] not null default '{}', "required_skills" text[] not null default '{}', "source_id" varchar(32) not null, "external_id" varchar(200) null, "original_url" text not null, "date_posted" timestamptz null, "last_scraped_at" timestamptz not null, "dedupe_hash" varchar(64) not null, "content_hash" varchar(64) not null, "is_active" boolean not null default true, "update_prohibited" boolean not null default false, "archived_at" timestamptz null, "archive_reason" varchar(200) null, "employer_notes" text null, "link_checked_at" timestamptz null, "link_failing_since" timestamptz null, "link_failure_count" int not null default 0, "link_last_error" varchar(200) null, "search_vector" tsvector generated always as ((setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(company_name, ''::text)), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'D'::"char")) stored null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "jobs_pkey" primary key ("id"));`);
    this.addSql(`create index "jobs_title_index" on "jobs" ("title");`);
    this.addSql(`create index "jobs_company_name_index" on "jobs" ("company_name");`);
    this.addSql(`create index "jobs_province_code_index" on "jobs" ("province_code");`);
    this.addSql(`alter table "jobs" add constraint "jobs_dedupe_hash_unique" unique ("dedupe_hash");`);
    this.addSql(`create index "jobs_is_active_index" on "jobs" ("is_active");`);
    this.addSql(`create index "jobs_search_vector_index" on "public"."jobs" using gin("search_vector");`);
    this.addSql(`create index "jobs_source_id_external_id_index" on "jobs" ("source_id", "external_id");`);
    this.addSql(`create index "jobs_is_active_date_posted_index" on "jobs" ("is_active", "date_posted");`);
    this.addSql(`create index "jobs_is_active_created_at_index" on "jobs" ("is_active", "created_at");`);

    this.addSql(`create table "saved_jobs" ("id" varchar(32) not null, "user_id" varchar(32) not null, "job_id" varchar(32) not null, "created_at" timestamptz not null, constraint "saved_jobs_pkey" primary key ("id"));`);
    this.addSql(`create index "saved_jobs_job_id_index" on "saved_jobs" ("job_id");`);
    this.addSql(`alter table "saved_jobs" add constraint "saved_jobs_user_id_job_id_unique" unique ("user_id", "job_id");`);

    this.addSql(`create table "job_clicks" ("id" varchar(32) not null, "job_id" varchar(32) not null, "user_id" varchar(32) null, "referrer" text null, "via" varchar(20) not null default 'apply', "at" timestamptz not null, constraint "job_clicks_pkey" primary key ("id"));`);
    this.addSql(`create index "job_clicks_job_id_index" on "job_clicks" ("job_id");`);
    this.addSql(`create index "job_clicks_at_index" on "job_clicks" ("at");`);

    this.addSql(`create table "alert_deliveries" ("id" varchar(32) not null, "alert_id" varchar(32) not null, "job_id" varchar(32) not null, "status" varchar(20) not null default 'pending', "attempts" int not null default 0, "message_id" varchar(300) null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "alert_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_deliveries_job_id_index" on "alert_deliveries" ("job_id");`);
    this.addSql(`alter table "alert_deliveries" add constraint "alert_deliveries_alert_id_job_id_unique" unique ("alert_id", "job_id");`);

    this.addSql(`create table "access_logs" ("id" varchar(32) not null, "user_id" varchar(32) null, "action" varchar(100) not null, "resource" varchar(200) null, "method" varchar(10) null, "path" text null, "ip" varchar(64) null, "outcome" varchar(20) not null, "status_code" int null, "details" jsonb not null default '{}', "at" timestamptz not null, constraint "access_logs_pkey" primary key ("id"));`);
    this.addSql(`create index "access_logs_user_id_index" on "access_logs" ("user_id");`);
    this.addSql(`create index "access_logs_at_index" on "access_logs" ("at");`);

    this.addSql(`create table "user_profiles" ("id" varchar(32) not null, "user_id" varchar(32) not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "school" varchar(200) null, "program" varchar(200) null, "major" varchar(200) null, "graduation_year" int null, "province_code" varchar(2) null, "city" varchar(120) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "user_profiles_pkey" primary key ("id"));`);
    this.addSql(`alter table "user_profiles" add constraint "user_profiles_user_id_unique" unique ("user_id");`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "job_alerts" add constraint "job_alerts_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "data_sources" add constraint "data_sources_employer_user_id_foreign" foreign key ("employer_user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "scrape_logs" add constraint "scrape_logs_source_id_foreign" foreign key ("source_id") references "data_sources" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "jobs" add constraint "jobs_province_code_foreign" foreign key ("province_code") references "provinces" ("code") on update cascade on delete set null;`);
    this.addSql(`alter table "jobs" add constraint "jobs_source_id_foreign" foreign key ("source_id") references "data_sources" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "saved_jobs" add constraint "saved_jobs_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "saved_jobs" add constraint "saved_jobs_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "job_clicks" add constraint "job_clicks_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_clicks" add constraint "job_clicks_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "alert_deliveries" add constraint "alert_deliveries_alert_id_foreign" foreign key ("alert_id") references "job_alerts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "alert_deliveries" add constraint "alert_deliveries_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "access_logs" add constraint "access_logs_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "user_profiles" add constraint "user_profiles_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_profiles" add constraint "user_profiles_province_code_foreign" foreign key ("province_code") references "provinces" ("code") on update cascade on delete set null;`);
  }

}
