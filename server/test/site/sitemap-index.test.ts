/**
 * `/sitemap.xml` past the protocol's 50,000 URLs a file: an index of `/sitemaps/jobs-N.xml` files.
 * The app here holds 2 URLs a file (the `sitemap.urlsPerFile` service option) so seven jobs make
 * an index, on a real database; the default stays the protocol's 50,000.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SITEMAP_MAX_URLS, sitemapXml } from '../../src/site/sitemap.js';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource, sql } from '../jobs/seed-jobs.js';

const PUBLIC = 'http://localhost:8000';
const t = useTestApp({ services: { sitemap: { urlsPerFile: 2 } } });
let active: string[] = [];
let archived = '';

beforeAll(async () => {
  const source = await seedSource(t.app, { name: 'Civic Jobs', pluginId: 'civicjobs' });
  const ids = await seedJobs(t.app, source, Array.from({ length: 8 }, (_, i) => posting({ title: `Analyst ${i + 1}`, description: 'Numbers.' })));
  archived = ids.pop()!;
  await sql(t.app, "update jobs set is_active = false, archived_at = now(), archive_reason = 'no longer listed' where id = ?", [archived]);
  active = [...ids].sort();
}, 120_000);

const get = (url: string) => t.app.inject({ method: 'GET', url });
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

describe('the sitemap index', () => {
  it('lists pages.xml and ceil(jobs / per-file) job files, each with its newest change', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    expect(res.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    expect(res.body).not.toContain('<urlset');
    expect(locs(res.body)).toEqual([
      `${PUBLIC}/sitemaps/pages.xml`,
      ...[1, 2, 3, 4].map((n) => `${PUBLIC}/sitemaps/jobs-${n}.xml`),
    ]);
    expect(res.body.match(/<sitemap><loc>[^<]+jobs-\d\.xml<\/loc><lastmod>[^<]+<\/lastmod><\/sitemap>/g)).toHaveLength(4);
  });

  it('serves every file with at most the per-file limit; together they hold the home page and exactly the active jobs', async () => {
    const index = locs((await get('/sitemap.xml')).body);
    const all: string[] = [];
    for (const loc of index) {
      const res = await get(new URL(loc).pathname);
      expect(res.statusCode, loc).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/xml/);
      expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      const urls = locs(res.body);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(2);
      all.push(...urls);
    }
    expect(all).toEqual([`${PUBLIC}/`, ...active.map((id) => `${PUBLIC}/jobs/${id}`)]);
    expect(all).not.toContain(`${PUBLIC}/jobs/${archived}`);
  });

  it('answers 404 for a file the index does not list', async () => {
    for (const name of ['jobs-5.xml', 'jobs-0.xml', 'jobs-01.xml', 'jobs-1.xml.gz', 'other.xml', '..%2Fsitemap.xml']) {
      expect((await get(`/sitemaps/${name}`)).statusCode, name).toBe(404);
    }
  });

  it('stays one plain file while everything fits; the default limit is the protocol\'s 50,000', async () => {
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    const em = t.app.ctx.orm.em.fork();
    const single = await sitemapXml(em, PUBLIC);
    expect(single.kind).toBe('urlset');
    expect(locs(single.xml)).toEqual([`${PUBLIC}/`, ...active.map((id) => `${PUBLIC}/jobs/${id}`)]);
    // Exactly at the limit (home page + 7 jobs = 8) it is still one file; one URL fewer makes an index.
    expect((await sitemapXml(em, PUBLIC, 8)).kind).toBe('urlset');
    expect((await sitemapXml(em, PUBLIC, 7)).kind).toBe('index');
  });
});
