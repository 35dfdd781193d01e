/**
 * The test of docs/examples/example-source.ts, as the guide shows it (run by
 * server/test/scaffold/plugin-authoring-doc.test.ts, which imports this file).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSourceContract, runSource, serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from './example-source.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const NOW = '2026-11-20T12:00:00Z';

let server: FixtureServer;
beforeAll(async () => {
  server = await serveFixtures(join(fixtures, 'site'));
});
afterAll(() => server.close());

describe('prairie-careers', () => {
  it('honours the source contract', async () => {
    await assertSourceContract(source, {
      baseUrl: server.origin,
      now: NOW,
      golden: join(fixtures, 'golden.json'),
      minPostings: 3,
    });
  });

  it('resolves "Closes in 10 days" against the crawl clock', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    const job = run.postings.find((p) => p.externalId === '302');
    expect(job?.applicationDeadline).toBe('2026-11-30T05:00:00.000Z');
  });

  it('re-crawls an unchanged board with 304s only, reporting every job still listed', async () => {
    const first = await runSource(source, { baseUrl: server.origin, now: NOW });
    const again = await runSource(source, { baseUrl: server.origin, previous: first });
    expect(again.postings).toEqual([]);
    expect([...again.stillListed].sort()).toEqual(first.postings.map((p) => p.externalId).sort());
    expect(again.requests.filter((r) => r.status === 304)).toHaveLength(again.stillListed.length);
  });

  it('stops after maxPages', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW, config: { maxPages: 1 } });
    expect(run.postings.map((p) => p.externalId)).toEqual(['301', '302']);
  });
});
