import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { readCluster, splitFromCluster } from '../../src/clusters/index.js';
import { board, copy, crawlBoard, rowsWhere, sqlOn } from './fixtures.js';

/** Issue 16: two clusters later found to be one job become one, unless a pair across them says otherwise. */
const db = useTestDatabase();

const crawl = (plugin: ReturnType<typeof board>) => crawlBoard(db.orm, plugin);

const sql = <T>(text: string, params: unknown[] = []) => sqlOn(db.orm)<T>(text, params);

const rowsOf = (company: string) => rowsWhere(db.orm, 'company_name = ?', [company]);

// Two descriptions of one co-op, as two boards might paraphrase the employer's text.
const D1 = 'Join the controls team for a four-month co-op term. You will write embedded C for our warehouse robots, '
  + 'review pull requests, test on real hardware in the Waterloo lab and present your project at the end of the term.';
const D2 = 'Our firmware group builds the motor drivers of the next robot arm. During the term you will port a driver to a '
  + 'new chip, measure its timing on the bench and document what you changed for the production team.';

describe('merging clusters', () => {
  it('a copy matching two clusters makes them one; the members keep their links; an admin split still sticks', async () => {
    const company = 'Tamarack Robotics';
    const boards = Object.fromEntries(['ma', 'mb', 'mc', 'md', 'me'].map((id) => [id, board(`merge-${id}`)]));
    // Two boards with one wording, two with another: too far apart to join (0.71 < 0.72), so two clusters.
    boards.ma!.items = [copy('merge-ma', { companyName: company, description: D1 })];
    boards.mb!.items = [copy('merge-mb', { companyName: company, description: D1 })];
    boards.mc!.items = [copy('merge-mc', { companyName: company, title: 'Embedded Software Developer Co-op', description: D2 })];
    boards.md!.items = [copy('merge-md', { companyName: company, title: 'Embedded Software Developer Co-op', description: D2 })];
    for (const id of ['ma', 'mb', 'mc', 'md']) await crawl(boards[id]!);
    let rows = await rowsOf(company);
    expect(rows.map((r) => r.source)).toEqual(['Board merge-ma', 'Board merge-mb', 'Board merge-mc', 'Board merge-md']);
    const [x, y] = [rows[0]!.cluster_id!, rows[2]!.cluster_id!];
    expect(x).not.toBeNull();
    expect(y).not.toBeNull();
    expect(x).not.toBe(y);
    expect(rows.map((r) => r.cluster_id)).toEqual([x, x, y, y]);

    // A fifth board's copy has the first title and the second text: it matches both.
    boards.me!.items = [copy('merge-me', { companyName: company, description: D2 })];
    await crawl(boards.me!);
    rows = await rowsOf(company);
    const merged = rows[4]!.cluster_id!;
    // It joined its best match (the second wording) and brought the first cluster along.
    expect(merged).toBe(y);
    expect(rows.map((r) => r.cluster_id)).toEqual([y, y, y, y, y]);
    expect(rows.filter((r) => r.is_representative)).toHaveLength(1);
    expect(await sql('select id from job_clusters where id = ?', [x])).toEqual([]);
    const cluster = (await readCluster(db.orm.em.fork().getConnection(), y))!;
    expect(cluster.members).toHaveLength(5);
    // The first cluster's members still show the link that joined them (each other), not a new one.
    const first = cluster.members.find((m) => m.jobId === rows[1]!.id)!;
    expect(first.matchedJobId).toBe(rows[0]!.id);
    expect(first.evidence.features.description).toBe(1);

    // An admin splits the first board's copy out; the bridging copy rewritten later does not bring it back.
    expect(await splitFromCluster(db.orm.em.fork().getConnection(), y, rows[0]!.id, null)).toEqual({ pairs: 4 });
    boards.me!.items = [copy('merge-me', { companyName: company, description: `${D2} Apply by March.` })];
    expect((await crawl(boards.me!)).counts).toMatchObject({ updated: 1 });
    rows = await rowsOf(company);
    expect(rows.map((r) => r.cluster_id)).toEqual([null, y, y, y, y]);
  });

  it('a copy matching two clusters that are two terms joins one and leaves the other apart', async () => {
    const company = 'Larch Instruments';
    const boards = Object.fromEntries(['ta', 'tb', 'tc', 'td', 'te'].map((id) => [id, board(`term-${id}`)]));
    boards.ta!.items = [copy('term-ta', { companyName: company, title: 'Software Developer Co-op (Summer 2027)' })];
    boards.tb!.items = [copy('term-tb', { companyName: company, title: 'Software Developer Co-op (Summer 2027)' })];
    boards.tc!.items = [copy('term-tc', { companyName: company, title: 'Software Developer Co-op (Fall 2027)' })];
    boards.td!.items = [copy('term-td', { companyName: company, title: 'Software Developer Co-op (Fall 2027)' })];
    // Names no term: it matches either, but the summer and fall copies veto each other.
    boards.te!.items = [copy('term-te', { companyName: company, title: 'Software Developer Co-op' })];
    for (const id of ['ta', 'tb', 'tc', 'td', 'te']) await crawl(boards[id]!);
    const rows = await rowsOf(company);
    const [summer, fall] = [rows[0]!.cluster_id!, rows[2]!.cluster_id!];
    expect(summer).not.toBe(fall);
    expect(rows.slice(0, 4).map((r) => r.cluster_id)).toEqual([summer, summer, fall, fall]);
    expect([summer, fall]).toContain(rows[4]!.cluster_id);
    expect(rows.filter((r) => r.is_representative)).toHaveLength(2);
  });
});
