import { Migration } from '@mikro-orm/migrations';

/**
 * The columns a job search reads (filters, sort keys, list items). An UPDATE that sets none of them
 * — a crawl touching `last_scraped_at`, the link checker's bookkeeping — changes no search answer,
 * so it sends no notification. `server/test/jobs/search-notify-columns.test.ts` checks the trigger
 * these make against the columns the search's SQL reads.
 */
export const SEARCH_VISIBLE_JOB_COLUMNS = [
  'title', 'company_name', 'job_type', 'term', 'location_type', 'city', 'province_code', 'description', 'description_highlights',
  'with_pay', 'salary_min', 'salary_max', 'salary_period', 'application_deadline', 'academic_credit_required', 'remote_canada',
  'required_majors', 'required_skills', 'source_id', 'date_posted', 'is_active', 'created_at',
] as const;
/** The source columns a search shows or filters by. */
const SEARCH_VISIBLE_SOURCE_COLUMNS = ['id', 'name', 'plugin_id', 'source_type'] as const;

/**
 * Every statement that changes what a job search returns — a crawl batch, an archive run, an admin's
 * edit, from any process — sends one NOTIFY on `pathfinder_search_changed` with the table's name.
 * API processes listen and drop their cached search answers, so a crawled job shows up at once.
 * Statement-level, so a 2,000-row batch costs one notification, not 2,000; Postgres also folds
 * identical notifications of one transaction into one.
 */
export class Migration20261126110000_search_change_notify extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function pathfinder_notify_search_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('pathfinder_search_changed', tg_table_name);
  return null;
end $$;`);
    const tables = [['jobs', SEARCH_VISIBLE_JOB_COLUMNS], ['data_sources', SEARCH_VISIBLE_SOURCE_COLUMNS]] as const;
    for (const [table, columns] of tables) {
      this.addSql(`create trigger "${table}_notify_search_changed" after insert or delete or truncate on "${table}"
  for each statement execute function pathfinder_notify_search_changed();`);
      this.addSql(`create trigger "${table}_notify_search_updated" after update of ${columns.map((c) => `"${c}"`).join(', ')} on "${table}"
  for each statement execute function pathfinder_notify_search_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['jobs', 'data_sources']) {
      this.addSql(`drop trigger if exists "${table}_notify_search_changed" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_notify_search_updated" on "${table}";`);
    }
    this.addSql('drop function if exists pathfinder_notify_search_changed();');
  }

}
