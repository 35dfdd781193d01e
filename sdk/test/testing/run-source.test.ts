import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource } from '../../src/index.js';
import { runSource, serveFixtures, type FixtureServer } from '../../src/testing/index.js';
import exampleBoard, { API_ORIGIN } from '../fixtures/example-board/source.js';
import { manifestViolator } from '../fixtures/example-board/bad-sources.js';

const dir = fileURLToPath(new URL('../fixtures/example-board', import.meta.url));
const servers: FixtureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function boardAndApi(): Promise<[FixtureServer, FixtureServer]> {
  const board = await serveFixtures(dir);
  const api = await serveFixtures(dir);
  servers.push(board, api);
  return [board, api];
}

describe('runSource', () => {
  it('runs the example source offline with a fake clock', async () => {
    const [board, api] = await boardAndApi();
    const run = await runSource(exampleBoard, { baseUrl: board.origin, originMap: { [API_ORIGIN]: api.origin }, now: '2026-11-20T12:00:00Z' });
    expect(run.error).toBeUndefined();
    expect(run.invalid).toEqual([]);
    expect(run.postings.map((p) => p.title)).toEqual([
      'Junior Data Analyst',
      'Summer Co-op Student',
      'Machine Learning Intern',
      'New Grad Developer',
      'QA Co-op',
    ]);
    expect(run.postings[0]).toEqual({
      title: 'Junior Data Analyst',
      companyName: 'City of Example',
      originalUrl: `${board.origin}/job?id=1`,
      externalId: '1',
      description: 'Work with Halifax data.\n\n- SQL\n- Python',
      descriptionHtml: '<p>Work with Halifax data.</p><ul><li>SQL</li><li>Python</li></ul>',
      datePosted: '2026-11-16T05:00:00.000Z',
      applicationDeadline: '2026-12-04T05:00:00.000Z',
      city: 'Halifax',
      province: 'NS',
      salaryMin: 25.64,
      salaryMax: 29.86,
      salaryPeriod: 'hour',
      withPay: true,
    });
    // "closes in 12 days" against the fake clock's start.
    expect(run.postings[1]).toMatchObject({ city: 'Regina', province: 'SK', applicationDeadline: '2026-12-02T05:00:00.000Z', description: 'Help maintain trails\n\nOutdoors all summer.' });
    expect(run.postings[4]).toMatchObject({ city: 'Waterloo', province: 'ON', locationType: 'onsite', jobType: 'internship' });
    expect(run.state).toEqual({ lastPage: 1 });
    expect(run.incomplete).toEqual([]);
    // robots.txt first on each host, then pages; API requests went to the mapped host.
    expect(run.requests.filter((r) => r.host === new URL(api.origin).host).map((r) => r.kind)).toEqual(['robots', 'page', 'page', 'page']);
    expect(board.requests.map((r) => r.url)).toEqual(['/robots.txt', '/feed', '/job?id=1', '/job?id=2']);
    // The Crawl-delay of 2 s (robots.txt) beat the manifest's 1 s, on the fake clock.
    expect(run.clock.sleeps.every((ms) => ms === 2_000)).toBe(true);
  });

  it('respects limit, config overrides and the input state (not mutated)', async () => {
    const [board, api] = await boardAndApi();
    const state = { lastPage: 9 };
    const run = await runSource(exampleBoard, { baseUrl: board.origin, originMap: { [API_ORIGIN]: api.origin }, config: { useApi: false }, state, limit: 1 });
    expect(run.postings).toHaveLength(1);
    expect(api.requests).toHaveLength(0);
    expect(state).toEqual({ lastPage: 9 });
    // A run cut short is incomplete: the engine would archive nothing after it.
    expect(run.incomplete).toEqual(["stopped at the test kit's limit (1)"]);
  });

  it('reports a crawl error and blocked attempts instead of throwing', async () => {
    const [board] = await boardAndApi();
    const run = await runSource(manifestViolator, { baseUrl: board.origin });
    expect(run.postings).toHaveLength(1);
    expect(run.error).toMatchObject({ code: 'PF_ERR_DISALLOWED_PATH', reason: 'manifest' });
    expect(run.blocked).toEqual([{ url: `${board.origin}/private/list`, reason: 'manifest' }]);
  });

  it('collects the reasons a source gives through ctx.markIncomplete', async () => {
    const [board] = await boardAndApi();
    const source = defineSource({
      id: 'paged-board', name: 'Paged', version: '1.0.0', sdk: '^1.1.0', baseUrl: 'https://paged.example', crawlDelaySeconds: 0, schedule: '0 * * * *',
      async *crawl(ctx) {
        ctx.markIncomplete('stopped after maxPages (1)');
      },
    });
    const run = await runSource(source, { baseUrl: board.origin });
    expect(run.error).toBeUndefined();
    expect(run.incomplete).toEqual(['stopped after maxPages (1)']);
  });

  it('reports an invalid config as the run error', async () => {
    const [board] = await boardAndApi();
    const run = await runSource(exampleBoard, { baseUrl: board.origin, config: { useApi: 'yes' as unknown as boolean } });
    expect(run.error).toMatchObject({ code: 'PF_ERR_CONFIG_INVALID' });
  });
});
