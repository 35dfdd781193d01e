import { beforeAll, describe, expect, it } from 'vitest';
import { defineSource, type JobPosting } from '@pathfinder/sdk';
import { runCrawl, type LoadedPlugin } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { sql } from './seed-jobs.js';

/**
 * Issue 16, done when: two crawled copies and an employer copy of one job come back as one search
 * result with the other two in `alsoPostedOn`; an admin split keeps them apart after the next crawl.
 */
const t = useTestApp();
let employer: TestSession;
let admin: TestSession;
let student: TestSession;

beforeAll(async () => {
  [employer, admin, student] = await Promise.all([
    createUserSession(t.app, 'employer'), createUserSession(t.app, 'admin'), createUserSession(t.app, 'student'),
  ]);
});

const inject = (method: 'GET' | 'POST', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const DESCRIPTION = 'Spend a four-month co-op term on the grid analytics team: model solar output in Python, '
  + 'clean meter data in SQL and present a forecast to the operations group at the end of the term.';

const job = (board: string, extra: Partial<JobPosting> = {}): JobPosting => ({
  title: 'Energy Data Analyst Co-op', companyName: 'Hemlock Power', originalUrl: `https://${board}.example.ca/jobs/77`, externalId: `${board}-77`,
  description: DESCRIPTION, city: 'Halifax', province: 'NS', ...extra,
});

function board(id: string): LoadedPlugin & { items: JobPosting[] } {
  const plugin: LoadedPlugin & { items: JobPosting[] } = {
    id,
    items: [],
    definition: defineSource({
      id, name: `Board ${id}`, version: '1.0.0', sdk: '^1.1.0', baseUrl: `https://${id}.example.ca`, crawlDelaySeconds: 0, schedule: '0 * * * *',
      async *crawl(): AsyncGenerator<JobPosting> {
        yield* plugin.items;
      },
    }),
    package: { packageName: `@test/${id}`, packageVersion: '1.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' },
  };
  return plugin;
}

async function crawl(plugin: LoadedPlugin) {
  const result = await runCrawl({ plugin, orm: t.app.ctx.orm, trigger: 'manual' });
  expect(result.status).toBe('success');
  return result;
}

const search = async (q: string) => {
  const res = await inject('GET', `/jobs?q=${encodeURIComponent(q)}&limit=50`);
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: { id: string; source: { sourceType: string }; alsoPostedOn: { source: string; jobId: string; url: string }[] }[]; facets: { source: { value: string; count: number }[] } };
};

describe('one job, one result (issue 16)', () => {
  it('two crawled copies and the employer\'s own make one result; an admin split keeps one apart after the next crawls', async () => {
    const civic = board('civicboard');
    const mars = board('marsboard');
    civic.items = [job('civicboard')];
    mars.items = [job('marsboard', { title: 'Co-op, Energy Data Analyst', companyName: 'Hemlock Power Inc.' })];
    const [civicJob] = (await crawl(civic)).addedIds;
    const [marsJob] = (await crawl(mars)).addedIds;
    const posted = await inject('POST', '/jobs', employer, {
      title: 'Energy Data Analyst Co-op', companyName: 'Hemlock Power', originalUrl: 'https://hemlock.example.ca/careers/analyst',
      description: DESCRIPTION, city: 'Halifax', province: 'NS',
    });
    expect(posted.statusCode).toBe(201);
    const employerJob = posted.json().id as string;

    // One result: the employer's copy, with the two boards' copies beside it; counts and facets count it once.
    let answer = await search('hemlock');
    expect(answer.total).toBe(1);
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({ id: employerJob, source: { sourceType: 'employer' } });
    expect(answer.items[0]!.alsoPostedOn).toEqual([
      { source: 'Board civicboard', jobId: civicJob, url: 'https://civicboard.example.ca/jobs/77' },
      { source: 'Board marsboard', jobId: marsJob, url: 'https://marsboard.example.ca/jobs/77' },
    ]);
    expect(answer.facets.source.reduce((n, b) => n + b.count, 0)).toBe(1);

    // GET /jobs/{id} of a board's copy shows the cluster: the other copies with their scores.
    const detail = (await inject('GET', `/jobs/${civicJob}`)).json();
    expect(detail.cluster).toMatchObject({ isRepresentative: false, score: expect.any(Number) });
    expect(detail.cluster.copies.map((c: { jobId: string }) => c.jobId)).toEqual([employerJob, marsJob]);
    expect(detail.cluster.copies[0]).toMatchObject({ isRepresentative: true, isActive: true, source: { sourceType: 'employer' } });
    for (const c of detail.cluster.copies) expect(c.score).toBeGreaterThanOrEqual(0.72);
    const clusterId = detail.cluster.id as string;

    // The admin's view: each member with the features that joined it. Students may not look.
    expect((await inject('GET', `/admin/clusters/${clusterId}`, student)).statusCode).toBe(403);
    const view = (await inject('GET', `/admin/clusters/${clusterId}`, admin)).json();
    expect(view.representativeJobId).toBe(employerJob);
    expect(view.members).toHaveLength(3);
    for (const m of view.members) {
      expect(m.evidence).toMatchObject({ threshold: 0.72, features: { title: expect.any(Number), company: expect.any(Number), location: 1 } });
      expect(m.evidence.veto).toBeUndefined();
    }

    // Bad requests are 4xx with the one error shape.
    const notMember = await inject('POST', `/admin/clusters/${clusterId}/split`, admin, { jobId: 'nosuchjob' });
    expect(notMember.statusCode).toBe(404);
    expect(notMember.json()).toMatchObject({ code: 'PF_ERR_NOT_FOUND' });
    expect((await inject('POST', `/admin/clusters/${clusterId}/split`, admin, { jobId: 'bad id!' })).statusCode).toBe(400);
    expect((await inject('POST', `/admin/clusters/${clusterId}/split`, admin, {})).statusCode).toBe(400);

    // The admin splits MaRS's copy out: two results now.
    const split = await inject('POST', `/admin/clusters/${clusterId}/split`, admin, { jobId: marsJob });
    expect(split.statusCode).toBe(200);
    expect(split.json()).toMatchObject({ splitJobId: marsJob, pairs: 2 });
    expect(split.json().cluster.members.map((m: { jobId: string }) => m.jobId)).toEqual([employerJob, civicJob]);
    expect(split.json().cluster.splits).toHaveLength(2);
    const [logged] = await sql(t.app, `select outcome, details from access_logs where action = 'admin.cluster.split' and outcome = 'success'`) as { outcome: string; details: { jobId: string } }[];
    expect(logged).toMatchObject({ outcome: 'success', details: { jobId: marsJob } });

    const apart = async () => {
      answer = await search('hemlock');
      expect(answer.total).toBe(2);
      const byId = new Map(answer.items.map((i) => [i.id, i]));
      expect(byId.get(employerJob)!.alsoPostedOn.map((a) => a.jobId)).toEqual([civicJob]);
      expect(byId.get(marsJob)!.alsoPostedOn).toEqual([]);
      expect((await inject('GET', `/jobs/${marsJob}`)).json().cluster).toBeNull();
    };
    await apart();

    // The next crawls of both boards (MaRS's copy rewritten, so the clustering looks at it again): still apart.
    mars.items = [job('marsboard', { title: 'Co-op, Energy Data Analyst', companyName: 'Hemlock Power Inc.', description: `${DESCRIPTION} Apply by email.` })];
    expect((await crawl(mars)).counts).toMatchObject({ updated: 1, added: 0 });
    expect((await crawl(civic)).counts).toMatchObject({ unchanged: 1, added: 0 });
    civic.items = [job('civicboard', { description: `${DESCRIPTION} Updated.` })];
    expect((await crawl(civic)).counts).toMatchObject({ updated: 1 });
    await apart();
  });
});
