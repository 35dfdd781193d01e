import { Migration } from '@mikro-orm/migrations';

/**
 * Every statement that changes `jobs` or `data_sources` (a crawl batch, an archive run, an admin's
 * edit, from any process) sends one NOTIFY on `pathfinder_search_changed` with the table's name.
 * API processes listen and drop their cached search answers, so a crawled job shows up in searches
 * at once. Statement-level, so a 2,000-row batch costs one notification, not 2,000; Postgres also
 * folds identical notifications of one transaction into one.
 */
export class Migration20261126110000_search_change_notify extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function pathfinder_notify_search_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('pathfinder_search_changed', tg_table_name);
  return null;
end $$;`);
    for (const table of ['jobs', 'data_sources']) {
      this.addSql(`create trigger "${table}_notify_search_changed" after insert or update or delete or truncate on "${table}"
  for each statement execute function pathfinder_notify_search_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['jobs', 'data_sources']) this.addSql(`drop trigger if exists "${table}_notify_search_changed" on "${table}";`);
    this.addSql('drop function if exists pathfinder_notify_search_changed();');
  }

}
