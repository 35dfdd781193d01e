/**
 * A plugin fresh from `create-plugin` inherits the engine's guard: its template only logs a
 * warning on an empty listing and returns, and the engine still archives nothing after it (issue 12).
 * The scaffold goes to a temporary folder under examples/ so that @pathfinder/sdk resolves as it
 * would for a real plugin; it is removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, ScrapeLog, runCrawl, type LoadedPlugin } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { isSourceDefinition } from '@pathfinder/sdk';
import { FakeClock, serveFixtures, type FixtureRoute, type FixtureServer } from '@pathfinder/sdk/testing';
import { scaffoldPlugin } from '../../src/scaffold/create-plugin.js';
import { REPO } from './child-process.js';

const db = useTestDatabase();
const id = `zz-empty-${randomBytes(4).toString('hex')}`;
const dir = path.join(REPO, 'examples', id);
let plugin: LoadedPlugin;
let routes: FixtureRoute[];
const servers: FixtureServer[] = [];

beforeAll(async () => {
  await scaffoldPlugin({ id, dir, name: 'Empty Board' });
  const mod = (await import(path.join(dir, 'src/index.ts'))) as { default: unknown };
  if (!isSourceDefinition(mod.default)) throw new Error('the scaffold does not default-export a source');
  plugin = { id, definition: mod.default, package: { packageName: `pathfinder-plugin-${id}`, packageVersion: '0.1.0', dir, entry: path.join(dir, 'src/index.ts'), origin: 'extra' } };
  routes = JSON.parse(await readFile(path.join(dir, 'test/fixtures/site/routes.json'), 'utf8')) as FixtureRoute[];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function crawl(listing: FixtureRoute[], hour: number) {
  const server = await serveFixtures(path.join(dir, 'test/fixtures/site'), { routes: [...listing, ...routes] });
  servers.push(server);
  return runCrawl({ plugin, orm: db.orm, baseUrl: server.origin, clock: new FakeClock(Date.parse('2026-11-20T12:00:00Z') + hour * 3_600_000) });
}

describe('a scaffolded plugin whose listing comes back empty', () => {
  it('archives nothing and its run reads partial with the reason', async () => {
    const first = await crawl([], 0);
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('success');
    expect(first.counts.added).toBeGreaterThanOrEqual(2);

    const empty = await crawl([{ path: '/jobs', text: '<!doctype html><html><body><main><h1>Open positions</h1><ul class="job-list"></ul></main></body></html>', contentType: 'text/html' }], 1);
    expect(empty).toMatchObject({ status: 'partial', counts: { found: 0, archived: 0 }, partial: { reason: 'empty' } });
    const em = db.orm.em.fork();
    expect(await em.count(Job, { source: { pluginId: id }, isActive: true })).toBe(first.counts.added);
    expect(await em.findOneOrFail(ScrapeLog, empty.runId!)).toMatchObject({ status: 'partial', partialReason: 'empty', jobsArchived: 0 });
  });
});
