import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { companyBlockKeys } from '../../src/clusters/company-block-keys.js';
import { Migration20261203140035_company_block_keys as BlockKeysMigration } from '../../src/db/migrations/Migration20261203140035_company_block_keys.js';
import { board, copy, crawlBoard, rowsWhere, sqlOn } from './fixtures.js';

/**
 * Issue 16: the matcher accepts an employer's acronym for its name ("RBC" = "Royal Bank of Canada"),
 * so the clustering stage must compare those copies: it blocks on `jobs.company_block_keys`.
 */
const db = useTestDatabase();

const crawl = (plugin: ReturnType<typeof board>) => crawlBoard(db.orm, plugin);

const sql = <T>(text: string, params: unknown[] = []) => sqlOn(db.orm)<T>(text, params);

/** The rows of the jobs whose employer is one of `names`, by source name. */
const rowsOf = (...names: string[]) => rowsWhere(db.orm, 'company_name in (?)', [names]);

describe('employers known by an acronym', () => {
  it('an "RBC" copy and a "Royal Bank of Canada" copy from two boards make one cluster, whichever comes first', async () => {
    const short = board('acr-short');
    const long = board('acr-long');
    // The acronym first, then the full name.
    short.items = [copy('acr-short', { companyName: 'RBC', title: 'Data Analyst Co-op', city: 'Toronto' })];
    long.items = [copy('acr-long', { companyName: 'Royal Bank of Canada', title: 'Co-op, Data Analyst', city: 'Toronto' })];
    // And the other way round for another employer: the full name first, then the acronym.
    long.items.push(copy('acr-long', { companyName: 'Mountain Equipment Company Ltd.', title: 'Retail Systems Intern', city: 'Vancouver', province: 'BC', originalUrl: 'https://acr-long.example.ca/jobs/2', externalId: 'acr-long-2' }));
    short.items.push(copy('acr-short', { companyName: 'MEC', title: 'Retail Systems Intern', city: 'Vancouver', province: 'BC', originalUrl: 'https://acr-short.example.ca/jobs/2', externalId: 'acr-short-2' }));

    await crawl(short);
    await crawl(long);
    const rbc = await rowsOf('RBC', 'Royal Bank of Canada');
    expect(rbc).toHaveLength(2);
    expect(rbc[0]!.cluster_id).not.toBeNull();
    expect(rbc[1]!.cluster_id).toBe(rbc[0]!.cluster_id);
    expect(rbc.filter((r) => r.is_representative)).toHaveLength(1);

    const mec = await rowsOf('MEC', 'Mountain Equipment Company Ltd.');
    expect(mec).toHaveLength(2);
    expect(mec[0]!.cluster_id).not.toBeNull();
    expect(mec[1]!.cluster_id).toBe(mec[0]!.cluster_id);
    expect(mec[0]!.cluster_id).not.toBe(rbc[0]!.cluster_id);

    // The link records why: the employer matched as an acronym (0.9), not as the same name.
    const [member] = await sql<{ evidence: { features: { company: number } } }[]>(
      'select evidence from job_cluster_members where job_id = ?', [rbc[0]!.id],
    );
    expect(member!.evidence.features.company).toBe(0.9);
  });

  it('two unrelated employers whose names share an acronym stay apart', async () => {
    // Both may be shortened to "NBC"; neither is the other's acronym.
    expect(companyBlockKeys('Northern Bridge Constructors').acronyms).toContain('nbc');
    expect(companyBlockKeys('Nova Biotech Canada').acronyms).toContain('nbc');
    const one = board('nbc-one');
    const two = board('nbc-two');
    one.items = [copy('nbc-one', { companyName: 'Northern Bridge Constructors', title: 'Project Coordinator Co-op', city: 'Moncton', province: 'NB' })];
    two.items = [copy('nbc-two', { companyName: 'Nova Biotech Canada', title: 'Project Coordinator Co-op', city: 'Moncton', province: 'NB' })];
    await crawl(one);
    await crawl(two);
    const rows = await rowsOf('Northern Bridge Constructors', 'Nova Biotech Canada');
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.cluster_id)).toEqual([null, null]);
  });

  it('the French and English names of one employer meet too', async () => {
    expect(companyBlockKeys('Banque Royale du Canada').keys).toContain('bank canada royal');
    expect(companyBlockKeys('Royal Bank of Canada').keys).toContain('bank canada royal');
    const fr = board('lang-fr');
    const en = board('lang-en');
    fr.items = [copy('lang-fr', { companyName: 'Banque Royale du Canada', title: 'Software Developer Co-op', city: 'Montréal', province: 'QC' })];
    en.items = [copy('lang-en', { companyName: 'Royal Bank of Canada', title: 'Software Developer Co-op', city: 'Montréal', province: 'QC' })];
    await crawl(fr);
    await crawl(en);
    const rows = (await rowsOf('Banque Royale du Canada', 'Royal Bank of Canada')).filter((r) => r.source.startsWith('Board lang-'));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cluster_id).not.toBeNull();
    expect(rows[1]!.cluster_id).toBe(rows[0]!.cluster_id);
  });

  it('the migration computes the keys of jobs stored before it', async () => {
    // Back to before the migration: the column gone (with its index), then the migration run as the migrator runs it.
    await sql('alter table jobs drop column company_block_keys, drop column company_acronyms');
    const driver = db.orm.em.getDriver();
    const migration = new BlockKeysMigration(driver, db.orm.config);
    await db.orm.em.getConnection().transactional(async (tx) => {
      migration.setTransactionContext(tx);
      await migration.up();
      for (const q of migration.getQueries()) await driver.execute(q as string, undefined, 'all', tx);
    });
    const rows = await sql<{ company_name: string; company_block_keys: string[]; company_acronyms: string[] }[]>(
      'select distinct company_name, company_block_keys, company_acronyms from jobs order by company_name',
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) expect({ keys: r.company_block_keys, acronyms: r.company_acronyms }).toEqual(companyBlockKeys(r.company_name));
    expect(rows.find((r) => r.company_name === 'Royal Bank of Canada')!.company_acronyms).toContain('rbc');
    expect(rows.find((r) => r.company_name === 'RBC')!.company_block_keys).toEqual(['rbc']);
    const indexes = await sql<{ indexdef: string }[]>(
      `select indexdef from pg_indexes where indexname in ('jobs_company_block_keys_index', 'jobs_company_acronyms_index') order by indexname`,
    );
    expect(indexes.map((i) => i.indexdef.replace(/^.* USING /, ''))).toEqual([
      "gin (company_acronyms) WITH (fastupdate=off) WHERE is_active", "gin (company_block_keys) WITH (fastupdate=off) WHERE is_active",
    ]);
  });
});
