/**
 * Issue 14, "partial reads that look complete": CivicJobs' feed cut at 30 % (the connection closed
 * mid-item) used to be read as a shorter feed: success, 3 found, 7 archived, and the half-received
 * item overwrote a good job. Now the cut feed is PF_ERR_TRUNCATED: the run fails (to be retried),
 * nothing is archived and no job is rewritten.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, loadPlugins, runCrawl, type PluginRegistry } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { FakeClock, serveFixtures, type FixtureRoute, type FixtureServer } from '@pathfinder/sdk/testing';

const db = useTestDatabase();
let registry: PluginRegistry;
const servers: FixtureServer[] = [];
beforeAll(async () => {
  registry = await loadPlugins();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const site = fileURLToPath(new URL('../../../plugins/civicjobs/test/fixtures/site', import.meta.url));

async function serve(feed?: string): Promise<FixtureServer> {
  const recorded = JSON.parse(await readFile(`${site}/routes.json`, 'utf8')) as FixtureRoute[];
  const routes = feed === undefined ? recorded : [{ path: '/rss', text: feed, contentType: 'application/rss+xml' }, ...recorded.filter((r) => r.path !== '/rss')];
  const server = await serveFixtures(site, { routes });
  servers.push(server);
  return server;
}

const jobsSnapshot = async () =>
  (await db.orm.em.fork().find(Job, { source: { pluginId: 'civicjobs' } }, { orderBy: { id: 'asc' } })).map((j) => ({ id: j.id, active: j.isActive, hash: j.contentHash, title: j.title }));

describe('a feed cut short mid-download', () => {
  it('fails the run with PF_ERR_TRUNCATED: nothing archived, no job rewritten', async () => {
    const plugin = registry.require('civicjobs');
    const start = Date.parse('2026-11-21T14:00:00Z');
    const first = await runCrawl({ plugin, orm: db.orm, trigger: 'manual', baseUrl: (await serve()).origin, config: { listingFallback: false }, clock: new FakeClock(start) });
    expect(first.status).toBe('success');
    const before = await jobsSnapshot();
    expect(before.filter((j) => j.active).length).toBeGreaterThanOrEqual(5);

    const whole = await readFile(`${site}/rss.xml`, 'utf8');
    const cut = whole.slice(0, Math.floor(whole.length * 0.3));
    expect(cut).not.toContain('</rss>');
    const second = await runCrawl({ plugin, orm: db.orm, trigger: 'manual', baseUrl: (await serve(cut)).origin, config: { listingFallback: false }, clock: new FakeClock(start + 3_600_000) });
    expect(second.status).not.toBe('success');
    expect(second.counts.archived).toBe(0);
    expect(second.error).toMatchObject({ code: 'PF_ERR_TRUNCATED', retryable: true });
    expect(await jobsSnapshot()).toEqual(before);
  });
});
