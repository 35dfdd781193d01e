import { Migration } from '@mikro-orm/migrations';
import { companyBlockKeys } from '../../clusters/company-block-keys.js';

/** Names per update statement in the backfill. */
const NAMES_PER_UPDATE = 2000;

/**
 * `jobs.company_block_keys` and `jobs.company_acronyms`: the clustering stage now looks for a job's
 * copies under several employer keys (the folded name, its canonical words) and across acronyms ("RBC"
 * meets "Royal Bank of Canada"), not only under `company_key`. Existing jobs get theirs computed by the
 * same code the job writer uses (`companyBlockKeys`: its word lists cannot be written in SQL), once
 * per distinct employer name, before the indexes are built.
 */
export class Migration20261203140035_company_block_keys extends Migration {
  override async up(): Promise<void> {
    // Run now, not queued with addSql: the backfill below needs the column.
    await this.execute(`alter table "jobs" add column "company_block_keys" text[] not null default '{}', add column "company_acronyms" text[] not null default '{}';`);
    const names = (await this.execute('select distinct company_name from jobs')) as { company_name: string }[];
    for (let i = 0; i < names.length; i += NAMES_PER_UPDATE) {
      const chunk = names.slice(i, i + NAMES_PER_UPDATE).map((r) => ({ name: r.company_name, ...companyBlockKeys(r.company_name) }));
      await this.execute(
        `update jobs j set company_block_keys = x.keys, company_acronyms = x.acronyms
           from jsonb_to_recordset(?::jsonb) as x(name text, keys text[], acronyms text[]) where j.company_name = x.name`,
        [JSON.stringify(chunk)],
      );
    }
    this.addSql(`create index "jobs_company_block_keys_index" on "jobs" using gin (company_block_keys) with (fastupdate = off) where is_active;`);
    this.addSql(`create index "jobs_company_acronyms_index" on "jobs" using gin (company_acronyms) with (fastupdate = off) where is_active;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "jobs_company_acronyms_index";`);
    this.addSql(`drop index "jobs_company_block_keys_index";`);
    this.addSql(`alter table "jobs" drop column "company_block_keys", drop column "company_acronyms";`);
  }
}
