import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource, Job, ScrapeLog, runCrawl, type LoadedPlugin } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { FakeClock, serveFixtures, type FixtureRoute } from '@pathfinder/sdk/testing';
import { describe, expect, it } from 'vitest';
import source from '../src/index.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'site');
const db = useTestDatabase();
const plugin: LoadedPlugin = {
  id: source.id,
  definition: source,
  package: { packageName: '@pathfinder/plugin-careeredge', packageVersion: source.version, dir: dirname(SITE), entry: 'src/index.ts', origin: 'workspace' },
};

describe('careeredge through the engine', () => {
  it('after a good crawl, an unchanged re-crawl reads the sitemap index only; an emptied sitemap archives nothing and reads partial (empty)', async () => {
    const clock = new FakeClock(Date.parse('2026-04-15T12:00:00Z'));
    const site = await serveFixtures(SITE);
    const empty = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';
    const routes = JSON.parse(await readFile(join(SITE, 'routes.json'), 'utf8')) as FixtureRoute[];
    // Emptied child sitemaps get a new lastmod in the index, as WordPress writes it.
    const index = (await readFile(join(SITE, 'sitemap.xml'), 'utf8')).replaceAll(/<lastmod>[^<]*<\/lastmod>/g, '<lastmod>2026-04-15T12:01:30+00:00</lastmod>');
    const bare = await serveFixtures(SITE, {
      routes: [
        { path: '/sitemap.xml', text: index, contentType: 'application/xml' },
        { path: '/job-sitemap.xml', text: empty, contentType: 'application/xml' },
        { path: '/internship-sitemap.xml', text: empty, contentType: 'application/xml' },
        ...routes,
      ],
    });
    try {
      const first = await runCrawl({ plugin, orm: db.orm, baseUrl: site.origin, clock, trigger: 'cli' });
      expect(first).toMatchObject({ status: 'success', counts: { found: 8 } });
      const em = db.orm.em.fork();
      const stored = await em.findOneOrFail(DataSource, { pluginId: 'careeredge' });
      const active = await em.count(Job, { source: stored, isActive: true });
      expect(active).toBeGreaterThan(0);

      clock.advance(60_000);
      const again = await runCrawl({ plugin, orm: db.orm, baseUrl: site.origin, clock, trigger: 'cli' });
      // robots.txt from the engine's 24-hour store, the index; its children's lastmod did not move.
      expect(again).toMatchObject({ status: 'success', requests: 1, counts: { unchanged: active, archived: 0 } });

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
