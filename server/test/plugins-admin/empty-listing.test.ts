/**
 * Issue 12 part 1, "done when": each of the five real plugins, after a good crawl of its recorded
 * site, meets the same site answering an empty listing — a shape each plugin reads without
 * throwing — and the engine archives nothing: the run reads `partial` with the reason. And a
 * limit set in the plugin's config (CivicJobs `maxItems: 3`) archives nothing either.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, ScrapeLog, loadPlugins, runCrawl, type PluginRegistry } from '@pathfinder/core';
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

const fixtures = (plugin: string, dir: string) => fileURLToPath(new URL(`../../../plugins/${plugin}/test/fixtures/${dir}`, import.meta.url));

/** The recorded site as recorded, or with `empty` routes answering first and the routes `drop` matches removed. */
async function serve(dir: string, change?: { empty: FixtureRoute[]; drop?: (r: FixtureRoute) => boolean }): Promise<FixtureServer> {
  const recorded = JSON.parse(await readFile(`${dir}/routes.json`, 'utf8')) as FixtureRoute[];
  const routes = change ? [...change.empty, ...recorded.filter((r) => !change.drop?.(r))] : recorded;
  const server = await serveFixtures(dir, { routes });
  servers.push(server);
  return server;
}

const EMPTY_PAGE = '<!doctype html><html><head><title>Jobs</title></head><body><main><p>No jobs found.</p></main></body></html>';

interface Case {
  plugin: string;
  now: string;
  site: string;
  /** The listing as it comes back empty. */
  empty: FixtureRoute[];
  drop?: (r: FixtureRoute) => boolean;
  config?: Record<string, unknown>;
  /** MaRS reads its listing from a second origin (the Getro API). */
  api?: { dir: string; origin: string; empty: FixtureRoute[] };
}

const SEARCH = '/api/v2/collections/383/search/jobs';
const cases: Case[] = [
  {
    // The feed answers a channel without items; with the listing fallback off the plugin returns normally (issue 14's case).
    plugin: 'civicjobs', now: '2026-11-21T14:00:00Z', site: fixtures('civicjobs', 'site'), config: { listingFallback: false },
    empty: [{ path: '/rss', text: '<?xml version="1.0"?><rss version="2.0"><channel><title>CivicJobs.ca</title></channel></rss>', contentType: 'application/rss+xml' }],
  },
  {
    // The sitemap is an empty urlset.
    plugin: 'careeredge', now: '2026-04-15T12:00:00Z', site: fixtures('careeredge', 'site'),
    empty: [{ path: '/sitemap.xml', text: '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', contentType: 'application/xml' }],
  },
  {
    // The listing page has no job card.
    plugin: 'eco-canada', now: '2026-03-06T12:00:00Z', site: fixtures('eco-canada', 'site'),
    empty: [{ path: '/jobs', text: EMPTY_PAGE, contentType: 'text/html' }],
  },
  {
    // Every region page has no job card.
    plugin: 'workinnonprofits', now: '2026-03-10T14:00:00Z', site: fixtures('workinnonprofits', 'site'),
    empty: [{ path: '/jobs/list-by/*', text: EMPTY_PAGE, contentType: 'text/html' }, { path: '/volunteer-jobs/list-by/*', text: EMPTY_PAGE, contentType: 'text/html' }],
    drop: (r) => r.path.includes('/list-by/'),
  },
  {
    // The search API answers no job at all.
    plugin: 'mars', now: '2026-02-01T12:00:00Z', site: fixtures('mars', 'site/board'),
    empty: [],
    api: {
      dir: fixtures('mars', 'site/api'), origin: 'https://api.getro.com',
      empty: [{ method: 'POST', path: SEARCH, text: JSON.stringify({ results: { jobs: [], count: 0 }, meta: {} }), contentType: 'application/json' }],
    },
  },
];

// Each run starts an hour after the previous one on the crawl clock: a job is "seen" by a run when
// written at or after the run's start, so two runs starting at the same instant could not tell.
let runs = 0;

async function crawl(c: Case, empty: boolean, config: Record<string, unknown> = {}) {
  const site = await serve(c.site, empty ? { empty: c.empty, drop: c.drop } : undefined);
  const api = c.api ? await serve(c.api.dir, empty ? { empty: c.api.empty, drop: (r) => r.path === SEARCH } : undefined) : undefined;
  return runCrawl({
    plugin: registry.require(c.plugin), orm: db.orm, trigger: 'manual', baseUrl: site.origin,
    originMap: c.api && api ? { [c.api.origin]: api.origin } : undefined,
    config: { ...c.config, ...config }, clock: new FakeClock(Date.parse(c.now) + ++runs * 3_600_000),
  });
}

const activeJobs = (plugin: string) => db.orm.em.fork().count(Job, { source: { pluginId: plugin }, isActive: true });

describe('an empty listing after a good crawl archives nothing (each of the five plugins)', () => {
  it.each(cases.map((c) => [c.plugin, c] as const))('%s', async (plugin, c) => {
    const first = await crawl(c, false);
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('success');
    expect(first.counts.added).toBeGreaterThanOrEqual(5);
    const active = await activeJobs(plugin);
    expect(active).toBe(first.counts.added);

    const second = await crawl(c, true);
    expect(second.error).toBeUndefined();
    expect(second).toMatchObject({ status: 'partial', counts: { found: 0, archived: 0 }, partial: { reason: 'empty' } });
    expect(await activeJobs(plugin)).toBe(active);
    const log = await db.orm.em.fork().findOneOrFail(ScrapeLog, second.runId!);
    expect(log).toMatchObject({
      status: 'partial', jobsArchived: 0, partialReason: 'empty',
      partialMessage: `The run yielded no posting; the source's ${active} active jobs were kept`,
    });
  });
});

describe('a run cut short by a limit in the plugin\'s config archives nothing', () => {
  it('CivicJobs with maxItems: 3 keeps the jobs it did not reach', async () => {
    const civic = cases[0]!;
    // The first case's crawl left CivicJobs' jobs active; read them again in full first, to be independent of order.
    const full = await crawl(civic, false);
    expect(full.status).toBe('success');
    const active = await activeJobs('civicjobs');
    expect(active).toBeGreaterThanOrEqual(10);

    const limited = await crawl(civic, false, { maxItems: 3 });
    expect(limited).toMatchObject({ status: 'partial', counts: { found: 3, archived: 0 }, partial: { reason: 'limited' } });
    expect(limited.partial?.message).toContain('stopped at maxItems (3)');
    expect(await activeJobs('civicjobs')).toBe(active);
    // Nor on every run after it.
    expect((await crawl(civic, false, { maxItems: 3 })).counts.archived).toBe(0);
    expect(await activeJobs('civicjobs')).toBe(active);
  });
});
