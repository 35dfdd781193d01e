/**
 * `npm run bench:recrawl`: what a re-crawl costs the site. For each workspace plugin, against a temp
 * copy of its recorded pages (plugins/<id>/test/fixtures/site, served on 127.0.0.1 by the SDK test
 * kit's fixture server), through the engine (runCrawl) into a real embedded Postgres, with the
 * declared delays on a fake clock:
 *   1. a first crawl;
 *   2. an immediate second crawl of the unchanged site;
 *   3. a crawl after one posting changed (its title, and for feeds with dates, its date) and one
 *      disappeared from the listing.
 * One line per plugin:
 *   recrawl <plugin>: first N req, unchanged M req (P%), after change K req, updated U, archived A
 * followed by the unchanged run's counts and the simulated wall time of each run.
 * Goal: P ≤ 20 % (robots.txt and feed/listing/sitemap pages only).
 *
 * What the unchanged re-crawl still asks, and why (each site changes the way the real one does:
 * an edited posting moves its feed pubDate or sitemap lastmod, WordPress moves the child sitemap's
 * lastmod in the index; listings without dates change the card's text):
 * - robots.txt: not at all here, the runs being minutes apart: the engine keeps each answer for
 *   24 hours (RFC 9309 §2.4). A daily schedule reads it once a run, one request more per host.
 * - civicjobs: the feed. careeredge: the sitemap index (a child whose lastmod did not move is not
 *   fetched). eco-canada: its two listing pages. mars: the three search API pages.
 * - workinnonprofits: every region page (five here: the listing has no date, no feed, and each
 *   region must be read to see what joined or left it); the search pages are read once per max
 *   detail age. With a few cards a page that is 26 % of the first crawl; on the real site, with far
 *   more cards per region page, the share falls with the number of jobs.
 * - No detail page: stored postings are vouched for by ctx.isFresh (listing date or card text),
 *   and the postings a run passed over (a senior role the pipeline dropped, a page that was gone)
 *   are remembered by the engine the same way, so their pages are not asked again either.
 * `BENCH_PLUGINS=civicjobs,mars` limits the plugins; `BENCH_VERBOSE=1` prints every request.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RequestRecord } from '@pathfinder/sdk';
import { FakeClock, serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { startEmbeddedPostgres, ensureDatabase } from '../src/db/embedded-postgres.js';
import { connectAndMigrate } from '../src/db/database.js';
import { runCrawl, type CrawlResult } from '../src/engine/crawl-runner.js';
import { loadPlugins } from '../src/engine/plugin-registry.js';
import { WORKSPACE_PLUGINS_DIR } from '../src/engine/plugin-discovery.js';
import { DataSource, Job } from '../src/db/entities/index.js';
import type { MikroORM } from '@mikro-orm/postgresql';

interface StoredJob { externalId: string; title: string; originalUrl: string }

/** How to serve, and how to change and remove a posting in, one plugin's recorded site. */
interface SiteSetup {
  /** The crawl's start time (the plugin's own tests' NOW: relative dates in the pages assume it). */
  now: string;
  /** Serves the copied site; returns the crawl's baseUrl and origin map. */
  serve(dir: string): Promise<{ servers: FixtureServer[]; baseUrl: string; originMap?: Record<string, string> }>;
  /** Removes the posting from every listing (as the site would at `at`); false when it cannot be found there. */
  remove(dir: string, job: StoredJob, at: Date): Promise<boolean>;
  /** After the generic title change: what else the site changes for an edited posting (e.g. its feed date). */
  touch?(dir: string, job: StoredJob, at: Date): Promise<void>;
}

const one = (sub = '') => async (dir: string) => {
  const server = await serveFixtures(path.join(dir, sub));
  return { servers: [server], baseUrl: server.origin };
};

const SITES: Record<string, SiteSetup> = {
  civicjobs: {
    now: '2026-11-21T14:00:00Z',
    serve: one(),
    remove: (dir, job) => removeBlocks(dir, ['rss.xml'], `?id=${job.externalId}</link>`, '<item>', 'item'),
    async touch(dir, job, at) {
      // The feed republishes an edited job: its pubDate moves.
      await editFiles(dir, ['rss.xml'], (text) => {
        const at0 = text.indexOf(`?id=${job.externalId}</link>`);
        if (at0 < 0) return text;
        const start = text.lastIndexOf('<item>', at0);
        const end = text.indexOf('</item>', at0);
        const block = text.slice(start, end).replace(/<pubDate>[^<]*<\/pubDate>/, `<pubDate>${at.toUTCString()}</pubDate>`);
        return text.slice(0, start) + block + text.slice(end);
      });
    },
  },
  careeredge: {
    now: '2026-04-15T12:00:00Z',
    serve: one(),
    // WordPress (Yoast) regenerates the child sitemap and moves its <lastmod> in the index.
    async remove(dir, job, at) {
      let removed = false;
      for (const file of await textFiles(dir)) {
        const name = path.basename(file);
        if (!name.endsWith('.xml') || name === 'sitemap.xml') continue;
        if (await removeBlocks(dir, (f) => f === file, `${new URL(job.originalUrl).pathname}</loc>`, '<url>', 'url')) {
          await touchSitemapIndex(dir, name, at);
          removed = true;
        }
      }
      return removed;
    },
    // An edited posting's <url> gets a new <lastmod>, and so does its child sitemap in the index.
    async touch(dir, job, at) {
      const marker = `${new URL(job.originalUrl).pathname}</loc>`;
      for (const file of await textFiles(dir)) {
        const name = path.basename(file);
        if (!name.endsWith('.xml') || name === 'sitemap.xml') continue;
        const changed = await editFiles(dir, (f) => f === file, (text) => replaceLastmod(text, marker, '<url>', '</url>', at));
        if (changed) await touchSitemapIndex(dir, name, at);
      }
    },
  },
  'eco-canada': {
    now: '2026-03-06T12:00:00Z',
    serve: one(),
    remove: (dir, job) => removeBlocks(dir, (f) => /^jobs.*\.html$/.test(path.basename(f)), `href="${new URL(job.originalUrl).pathname}"`, '<div class="job-listings-item', 'div'),
  },
  workinnonprofits: {
    now: '2026-03-10T14:00:00Z',
    serve: one(),
    remove: (dir, job) => removeBlocks(dir, (f) => f.includes('list-by'), `<div id="${job.externalId}"`, `<div id="${job.externalId}"`, 'div'),
  },
  mars: {
    now: '2026-02-01T12:00:00Z',
    async serve(dir) {
      const board = await serveFixtures(path.join(dir, 'board'));
      const api = await serveFixtures(path.join(dir, 'api'));
      return { servers: [board, api], baseUrl: board.origin, originMap: { 'https://api.getro.com': api.origin } };
    },
    async remove(dir, job) {
      let removed = false;
      for (const file of await textFiles(path.join(dir, 'api'))) {
        if (!file.endsWith('.json') || !path.basename(file).startsWith('search')) continue;
        const data = JSON.parse(await fs.readFile(file, 'utf8')) as { results: { jobs: { id: unknown }[]; count?: number } };
        const kept = data.results.jobs.filter((j) => String(j.id) !== job.externalId);
        if (kept.length === data.results.jobs.length) continue;
        data.results.jobs = kept;
        if (typeof data.results.count === 'number') data.results.count -= 1;
        await fs.writeFile(file, JSON.stringify(data));
        removed = true;
      }
      return removed;
    },
  },
};

/** Sets the <lastmod> of the block (opened by `open`, closed by `close`) that contains `marker`. */
function replaceLastmod(text: string, marker: string, open: string, close: string, at: Date): string {
  const at0 = text.indexOf(marker);
  if (at0 < 0) return text;
  const start = text.lastIndexOf(open, at0);
  const end = text.indexOf(close, at0);
  if (start < 0 || end < 0) return text;
  const block = text.slice(start, end).replace(/<lastmod>[^<]*<\/lastmod>/, `<lastmod>${at.toISOString()}</lastmod>`);
  return text.slice(0, start) + block + text.slice(end);
}

/** The sitemap index's <lastmod> for the child sitemap `name` moves to `at`. */
function touchSitemapIndex(dir: string, name: string, at: Date): Promise<number> {
  return editFiles(dir, ['sitemap.xml'], (text) => replaceLastmod(text, `/${name}`, '<sitemap>', '</sitemap>', at));
}

async function textFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(html?|xml|json|txt)$/.test(e.name)) out.push(path.join(e.parentPath, e.name));
  }
  return out;
}

async function editFiles(dir: string, which: string[] | ((file: string) => boolean), edit: (text: string) => string): Promise<number> {
  let changed = 0;
  for (const file of await textFiles(dir)) {
    const rel = path.relative(dir, file);
    if (Array.isArray(which) ? !which.includes(rel) : !which(file)) continue;
    const text = await fs.readFile(file, 'utf8');
    const next = edit(text);
    if (next !== text) {
      await fs.writeFile(file, next);
      changed++;
    }
  }
  return changed;
}

/** Removes, in the chosen files, every element that opens with `open` and contains `marker` (balanced on `tag`). */
function removeBlocks(dir: string, which: string[] | ((file: string) => boolean), marker: string, open: string, tag: string): Promise<boolean> {
  return editFiles(dir, which, (text) => {
    let out = text;
    for (let at = out.indexOf(marker); at >= 0; at = out.indexOf(marker)) {
      const start = out.lastIndexOf(open, at + open.length);
      if (start < 0) break;
      const end = balancedEnd(out, start, tag);
      if (end <= at) break; // the element before the marker closed before it: not its container
      out = out.slice(0, start) + out.slice(end);
    }
    return out;
  }).then((n) => n > 0);
}

function balancedEnd(text: string, start: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}(?=[\\s>])`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return text.indexOf('>', m.index) + 1;
  }
  return -1;
}

async function storedJobs(orm: MikroORM, pluginId: string): Promise<StoredJob[]> {
  const em = orm.em.fork();
  const source = await em.findOneOrFail(DataSource, { pluginId });
  const jobs = await em.find(Job, { source, isActive: true }, { orderBy: { externalId: 'asc' } });
  return jobs.filter((j) => j.externalId).map((j) => ({ externalId: j.externalId!, title: j.title, originalUrl: j.originalUrl }));
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-bench-recrawl-'));
const cluster = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg') });
try {
  await ensureDatabase(cluster.adminUrl, 'bench');
  const { orm } = await connectAndMigrate(cluster.databaseUrl('bench'));
  const registry = await loadPlugins();
  const only = process.env.BENCH_PLUGINS?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const plugin of registry.plugins) {
    const setup = SITES[plugin.id];
    if (!setup || (only && !only.includes(plugin.id))) continue;
    const dir = path.join(work, plugin.id);
    await fs.cp(path.join(WORKSPACE_PLUGINS_DIR, plugin.id, 'test/fixtures/site'), dir, { recursive: true });
    const { servers, baseUrl, originMap } = await setup.serve(dir);
    try {
      const clock = new FakeClock(Date.parse(setup.now));
      const crawl = async (label: string): Promise<CrawlResult & { simulatedMs: number }> => {
        const t0 = clock.now();
        const onRequest = process.env.BENCH_VERBOSE ? (r: RequestRecord) => console.log(`  ${label}: ${r.status ?? r.error} ${r.url}`) : undefined;
        const run = await runCrawl({ plugin, orm, baseUrl, originMap, clock, trigger: 'cli', onRequest });
        if (run.status !== 'success') throw new Error(`${plugin.id}: run ${run.status}: ${run.error?.message}`);
        return { ...run, simulatedMs: clock.now() - t0 };
      };
      const first = await crawl('first');
      clock.advance(60_000);
      const unchanged = await crawl('unchanged');

      // One posting edited (its title, wherever the site shows it), another gone from the listing.
      const jobs = await storedJobs(orm, plugin.id);
      let changed: StoredJob | undefined;
      for (const job of jobs) {
        if (await editFiles(dir, () => true, (t) => (t.includes(job.title) ? t.replaceAll(job.title, `${job.title} (revised)`) : t))) {
          changed = job;
          break;
        }
      }
      clock.advance(60_000);
      if (changed) await setup.touch?.(dir, changed, new Date(clock.now()));
      let removed: StoredJob | undefined;
      for (const job of [...jobs].reverse()) {
        if (job !== changed && (await setup.remove(dir, job, new Date(clock.now())))) {
          removed = job;
          break;
        }
      }
      clock.advance(60_000);
      const after = await crawl('after change');

      const pct = Math.round((100 * unchanged.requests) / first.requests);
      console.log(
        `recrawl ${plugin.id}: first ${first.requests} req, unchanged ${unchanged.requests} req (${pct}%), ` +
          `after change ${after.requests} req, updated ${after.counts.updated}, archived ${after.counts.archived}`,
      );
      console.log(
        `  first: ${first.counts.found} found, ${minutes(first.simulatedMs)} simulated; unchanged: ${unchanged.counts.unchanged} unchanged, ${unchanged.counts.skipped} skipped again, ` +
          `${unchanged.counts.archived} archived, ${minutes(unchanged.simulatedMs)}; after change: ${minutes(after.simulatedMs)} ` +
          `(changed ${changed?.externalId ?? 'none'}, removed ${removed?.externalId ?? 'none'})`,
      );
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }
  await orm.close();
} finally {
  await cluster.stop();
  await fs.rm(work, { recursive: true, force: true });
}
