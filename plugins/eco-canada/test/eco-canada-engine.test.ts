import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource, Job, ScrapeLog, runCrawl, type LoadedPlugin } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { FakeClock, serveFixtures } from '@pathfinder/sdk/testing';
import { describe, expect, it } from 'vitest';
import source from '../src/index.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'site');
const db = useTestDatabase();
const plugin: LoadedPlugin = {
  id: source.id,
  definition: source,
  package: { packageName: '@pathfinder/plugin-eco-canada', packageVersion: source.version, dir: dirname(SITE), entry: 'src/index.ts', origin: 'workspace' },
};

describe('eco-canada through the engine', () => {
  it('after a good crawl, an unchanged re-crawl reads the listing (and the never-stored pages) only; an emptied listing archives nothing and reads partial (empty)', async () => {
    const clock = new FakeClock(Date.parse('2026-03-06T12:00:00Z'));
    const site = await serveFixtures(SITE);
    const bare = await serveFixtures(SITE, {
      routes: [{ path: '/jobs', text: '<html><body><div class="job-listings"><p>No jobs found</p></div></body></html>', contentType: 'text/html' }],
    });
    try {
      const first = await runCrawl({ plugin, orm: db.orm, baseUrl: site.origin, clock, trigger: 'cli' });
      expect(first).toMatchObject({ status: 'success', counts: { found: 8 } });
      const em = db.orm.em.fork();
      const stored = await em.findOneOrFail(DataSource, { pluginId: 'eco-canada' });
      const active = await em.count(Job, { source: stored, isActive: true });
      expect(active).toBeGreaterThan(0);

      clock.advance(60_000);
      const again = await runCrawl({ plugin, orm: db.orm, baseUrl: site.origin, clock, trigger: 'cli' });
      expect(again).toMatchObject({ status: 'success', counts: { unchanged: active, archived: 0 } });
      expect(again.requests).toBeLessThan(first.requests);

      clock.advance(60_000);
      const run = await runCrawl({ plugin, orm: db.orm, baseUrl: bare.origin, clock, trigger: 'cli' });
      expect(run).toMatchObject({ status: 'partial', counts: { found: 0, archived: 0 }, partial: { reason: 'empty' } });
      expect(await em.fork().count(Job, { source: stored, isActive: true })).toBe(active);
      const log = await em.fork().findOneOrFail(ScrapeLog, run.runId!);
      expect(log).toMatchObject({ status: 'partial', partialReason: 'empty', jobsArchived: 0 });
      expect(log.partialMessage).toContain('The run yielded no posting');
    } finally {
      await site.close();
      await bare.close();
    }
  });
});
