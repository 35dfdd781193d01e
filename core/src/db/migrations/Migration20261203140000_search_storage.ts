import { Migration } from '@mikro-orm/migrations';

/**
 * Where a job's text is stored. A search tests each candidate row's `search_vector` (the
 * description's words and positions, ~1.5 kB); stored out of line (TOAST, Postgres's default for a
 * value that makes the row too long) every test read about five more pages. `main` keeps it in the
 * row, compressed; to make room, the description and its HTML move out of line (`external`,
 * uncompressed, so `left(description, 280)` for a result's snippet reads only the first chunk).
 * Applies to rows written from now on (a re-crawl rewrites them); `VACUUM FULL jobs` rewrites the
 * others at once (docs/operations.md).
 */
export class Migration20261203140000_search_storage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "jobs" alter column "search_vector" set storage main, alter column "description" set storage external, alter column "description_html" set storage external;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "jobs" alter column "search_vector" set storage extended, alter column "description" set storage extended, alter column "description_html" set storage extended;`);
  }

}
