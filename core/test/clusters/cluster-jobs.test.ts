import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { readCluster, splitFromCluster } from '../../src/clusters/index.js';
import { board, copy, crawlBoard, employerPosts, rowsWhere } from './fixtures.js';

const db = useTestDatabase();

const crawl = (plugin: ReturnType<typeof board>) => crawlBoard(db.orm, plugin);

/** The jobs of the given company, with their source and cluster. */
const rowsOf = (company: string) => rowsWhere(db.orm, 'company_name like ?', [`${company}%`]);

describe('the clustering stage', () => {
  it('two boards listing one job: two rows, one cluster, the more complete copy representing it', async () => {
    const a = board('alpha1');
    const b = board('beta1');
    a.items = [copy('alpha1', { companyName: 'Maple Robotics Inc.' })];
    // Board beta names the term and the pay: the more complete copy.
    b.items = [copy('beta1', { title: 'Co-op Software Developer', salaryMin: 24, salaryMax: 28, salaryPeriod: 'hour' })];
    expect((await crawl(a)).counts.added).toBe(1);
    expect((await crawl(b)).counts).toMatchObject({ added: 1, skipped: 0 });

    const rows = await rowsOf('Maple Robotics');
    expect(rows.map((r) => r.source)).toEqual(['Board alpha1', 'Board beta1']);
    expect(rows[0]!.cluster_id).not.toBeNull();
    expect(rows[1]!.cluster_id).toBe(rows[0]!.cluster_id);
    expect(rows.map((r) => r.is_representative)).toEqual([false, true]);

    const cluster = (await readCluster(db.orm.em.fork().getConnection(), rows[0]!.cluster_id!))!;
    expect(cluster.representativeJobId).toBe(rows[1]!.id);
    expect(cluster.members).toHaveLength(2);
    for (const m of cluster.members) {
      expect(m.score).toBeGreaterThanOrEqual(0.72);
      expect(m.evidence.features.title).toBeGreaterThan(0.9);
      expect(m.evidence.features.company).toBe(1);
      expect(m.evidence.veto).toBeUndefined();
      expect(m.evidence.threshold).toBe(0.72);
    }

    // A re-crawl changes nothing.
    expect((await crawl(a)).counts).toMatchObject({ unchanged: 1, added: 0 });
    expect(await rowsOf('Maple Robotics')).toEqual(rows);
  });

  it('the employer\'s own posting joins the cluster and represents it; an archived representative hands over', async () => {
    const a = board('alpha2');
    const b = board('beta2');
    const company = 'Birch Analytics';
    a.items = [copy('alpha2', { companyName: company })];
    b.items = [copy('beta2', { companyName: `${company} Ltd.`, salaryMin: 50000, salaryMax: 60000, salaryPeriod: 'year' })];
    await crawl(a);
    await crawl(b);
    const employerJob = await employerPosts(db.orm, 'Birch Analytics (employer)', copy('birch', { companyName: company }));
    let rows = await rowsOf(company);
    expect(new Set(rows.map((r) => r.cluster_id)).size).toBe(1);
    expect(rows.find((r) => r.is_representative)!.id).toBe(employerJob);
    expect(rows.filter((r) => r.is_representative)).toHaveLength(1);

    // The employer archives its posting: the most complete crawled copy (beta, with pay) takes over.
    await db.orm.em.fork().getConnection().execute(
      `update jobs set is_active = false, archived_at = now(), archive_reason = 'removed by employer' where id = ?`, [employerJob],
    );
    rows = await rowsOf(company);
    expect(rows.find((r) => r.is_representative)!.source).toBe('Board beta2');

    // Board beta stops listing it: the one active copy left represents the cluster.
    b.items = [copy('beta2', { companyName: 'Someone Else', externalId: 'other', originalUrl: 'https://beta2.example.ca/jobs/2' })];
    expect((await crawl(b)).counts.archived).toBe(1);
    rows = await rowsOf(company);
    expect(rows.filter((r) => r.is_representative).map((r) => r.source)).toEqual(['Board alpha2']);
  });

  it('keeps apart the same title at another employer, another term, and another role at the same employer', async () => {
    const a = board('alpha3');
    const b = board('beta3');
    const company = 'Cedar Health';
    a.items = [
      copy('alpha3', { companyName: company, title: 'Software Developer Co-op (Fall 2027)', externalId: 'a-fall' }),
      copy('alpha3', { companyName: company, title: 'Data Analyst Co-op', externalId: 'a-data', originalUrl: 'https://alpha3.example.ca/jobs/2',
        description: 'Build dashboards for the clinics and clean the scheduling data in SQL; a four-month term in the Ottawa office.' }),
    ];
    b.items = [
      copy('beta3', { companyName: company, title: 'Software Developer Co-op (Winter 2028)', externalId: 'b-winter' }),
      copy('beta3', { companyName: 'Cedar Logistics', externalId: 'b-other', originalUrl: 'https://beta3.example.ca/jobs/2' }),
    ];
    await crawl(a);
    await crawl(b);
    const rows = [...await rowsOf('Cedar Health'), ...await rowsOf('Cedar Logistics')];
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.cluster_id === null && r.is_representative)).toBe(true);
  });

  it('an admin split keeps a copy apart on later crawls of either source, even when its content changes', async () => {
    const a = board('alpha4');
    const b = board('beta4');
    const company = 'Dogwood Energy';
    a.items = [copy('alpha4', { companyName: company })];
    b.items = [copy('beta4', { companyName: company })];
    await crawl(a);
    await crawl(b);
    const [ja, jb] = await rowsOf(company);
    expect(ja!.cluster_id).not.toBeNull();
    const conn = db.orm.em.fork().getConnection();
    expect(await splitFromCluster(conn, ja!.cluster_id!, 'nope', null)).toBeUndefined();
    expect(await splitFromCluster(conn, ja!.cluster_id!, jb!.id, null)).toEqual({ pairs: 1 });
    const after = await rowsOf(company);
    expect(after.map((r) => [r.cluster_id === null, r.is_representative])).toEqual([[false, true], [true, true]]);

    // Both boards rewrite their copy (so the stage looks at both again) and are crawled again.
    a.items = [copy('alpha4', { companyName: company, description: `${copy('x').description} Updated.` })];
    b.items = [copy('beta4', { companyName: company, description: `${copy('x').description} Updated too.` })];
    expect((await crawl(b)).counts.updated).toBe(1);
    expect((await crawl(a)).counts.updated).toBe(1);
    const final = await rowsOf(company);
    expect(final.find((r) => r.id === jb!.id)!.cluster_id).toBeNull();
    expect(final.every((r) => r.is_representative)).toBe(true);

    // A third board's copy joins one side, never both into one.
    const c = board('gamma4');
    c.items = [copy('gamma4', { companyName: company })];
    await crawl(c);
    const three = await rowsOf(company);
    const clustered = three.filter((r) => r.cluster_id !== null);
    expect(clustered.map((r) => r.id)).not.toEqual(expect.arrayContaining([ja!.id, jb!.id]));
    expect(new Set(clustered.map((r) => r.cluster_id)).size).toBeLessThanOrEqual(1);
  });

  it('a copy whose new content is another job leaves its cluster', async () => {
    const a = board('alpha5');
    const b = board('beta5');
    const company = 'Elm Foods';
    a.items = [copy('alpha5', { companyName: company })];
    b.items = [copy('beta5', { companyName: company })];
    await crawl(a);
    await crawl(b);
    expect((await rowsOf(company)).every((r) => r.cluster_id !== null)).toBe(true);
    // Same posting address, now another term: the matcher's veto.
    b.items = [copy('beta5', { companyName: company, title: 'Software Developer Co-op (Winter 2028)', term: 'winter' })];
    a.items = [copy('alpha5', { companyName: company, title: 'Software Developer Co-op (Summer 2027)', term: 'summer' })];
    await crawl(a);
    await crawl(b);
    const rows = await rowsOf(company);
    expect(rows.find((r) => r.source === 'Board beta5')!.cluster_id).toBeNull();
    expect(rows.every((r) => r.is_representative)).toBe(true);
  });
});
