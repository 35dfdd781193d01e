/**
 * The {{name}} source through the SDK test kit: the recorded pages in test/fixtures/site are
 * served on 127.0.0.1, the crawl runs on a fake clock, and the source contract is checked.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSourceContract, runSource, serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const NOW = '2026-11-20T12:00:00Z';

let server: FixtureServer;
beforeAll(async () => {
  server = await serveFixtures(join(fixtures, 'site'));
});
afterAll(async () => {
  await server?.close();
});

describe('{{id}}', () => {
  it('honours the source contract and matches the golden file', async () => {
    // Writes test/fixtures/golden.json on the first run: review it and commit it.
    // After a deliberate change: PATHFINDER_UPDATE_GOLDEN=1 npx vitest run <this folder>
    const run = await assertSourceContract(source, {
      baseUrl: server.origin,
      now: NOW,
      golden: join(fixtures, 'golden.json'),
      minPostings: 3,
    });
    // The senior role is yielded too: the engine's pipeline drops it, not the plugin.
    expect(run.postings.map((p) => p.externalId)).toEqual(['1001', '1002', '1003']);
  });

  it('reads the fields of the first job', async () => {
    const run = await runSource(source, { baseUrl: server.origin, now: NOW });
    expect(run.error).toBeUndefined();
    expect(run.postings[0]).toMatchObject({
      title: 'Software Developer Co-op (Summer 2027)',
      companyName: 'Maple Robotics',
      originalUrl: `${server.origin}/jobs/1001`,
      city: 'Waterloo',
      province: 'ON',
      datePosted: '2026-11-02T05:00:00.000Z',
    });
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('Card skipped') }));
  });
});
