import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeHtml } from './job-posting-json-ld.js';

/** The sitemap protocol's limit of URLs in one file (sitemaps.org); also the most sitemaps an index may list. */
export const SITEMAP_MAX_URLS = 50_000;

declare module '../app-context.js' {
  interface AppServices {
    /**
     * The sitemap's size per file. Tests lower `urlsPerFile` to reach the index without inserting
     * 50,000 jobs; production keeps the protocol's limit.
     *
     * @example
     * buildApp({ config, orm, services: { sitemap: { urlsPerFile: 2 } } });
     */
    sitemap?: { urlsPerFile?: number };
  }
}

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

const iso = (d: Date | string) => new Date(d).toISOString();
const urlEntry = (loc: string, lastmod?: Date | string) =>
  `<url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${iso(lastmod)}</lastmod>` : ''}</url>`;
const urlset = (entries: string[]) => [HEAD, `<urlset xmlns="${NS}">`, ...entries, '</urlset>', ''].join('\n');
const jobUrl = (publicUrl: string, id: string) => `${publicUrl}/jobs/${encodeURIComponent(id)}`;

/** What `/sitemap.xml` is: one file with every URL, or (more than fit in one) an index of files. */
export type SitemapAnswer = { kind: 'urlset' | 'index'; xml: string };

/**
 * `/sitemap.xml`: the home page and the page of every active job, each with its last change. When
 * they do not fit in one file of `perFile` URLs, an index instead (sitemaps.org): `/sitemaps/pages.xml`
 * (the home page) and `/sitemaps/jobs-1.xml` … `jobs-N.xml`, each with at most `perFile` job pages,
 * in id order (a job stays in its file while others change), each listed with its newest change.
 *
 * @example
 * const { xml } = await sitemapXml(em, 'https://jobs.example.ca'); // 50,000 URLs a file
 */
export async function sitemapXml(em: EntityManager, publicUrl: string, perFile = SITEMAP_MAX_URLS): Promise<SitemapAnswer> {
  // A public read: the replica when there is one (DATABASE_READ_URL).
  const conn = em.getConnection('read');
  // One read: at most perFile rows, enough to know whether everything (with the home page) fits.
  const rows = await conn.execute<{ id: string; updatedAt: Date | string }[]>(
    'select id, updated_at as "updatedAt" from jobs where is_active order by id limit ?',
    [perFile],
  );
  if (rows.length + 1 <= perFile) {
    return { kind: 'urlset', xml: urlset([urlEntry(`${publicUrl}/`), ...rows.map((r) => urlEntry(jobUrl(publicUrl, r.id), r.updatedAt))]) };
  }
  // The files' newest changes, by one pass over the active jobs in the files' (id) order.
  const files = await conn.execute<{ file: number | string; lastmod: Date | string }[]>(
    `select file, max(updated_at) as lastmod from (
       select (row_number() over (order by id) - 1) / ? + 1 as file, updated_at from jobs where is_active
     ) numbered group by file order by file limit ?`,
    [perFile, SITEMAP_MAX_URLS - 1],
  );
  const entry = (loc: string, lastmod?: Date | string) =>
    `<sitemap><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${iso(lastmod)}</lastmod>` : ''}</sitemap>`;
  return {
    kind: 'index',
    xml: [
      HEAD,
      `<sitemapindex xmlns="${NS}">`,
      entry(`${publicUrl}/sitemaps/pages.xml`),
      ...files.map((f) => entry(`${publicUrl}/sitemaps/jobs-${Number(f.file)}.xml`, f.lastmod)),
      '</sitemapindex>',
      '',
    ].join('\n'),
  };
}

/**
 * One file of the index: `pages.xml` (the site's own pages) or `jobs-N.xml` (the N-th run of
 * `perFile` active jobs in id order). Null for a name the index does not list (a 404).
 */
export async function sitemapFileXml(em: EntityManager, publicUrl: string, name: string, perFile = SITEMAP_MAX_URLS): Promise<string | null> {
  if (name === 'pages.xml') return urlset([urlEntry(`${publicUrl}/`)]);
  const match = /^jobs-([1-9][0-9]{0,5})\.xml$/.exec(name);
  if (!match) return null;
  const n = Number(match[1]);
  // Offset by id: the index numbers the files by the same order, so file N is the same rows here.
  const rows = await em.getConnection('read').execute<{ id: string; updatedAt: Date | string }[]>(
    'select id, updated_at as "updatedAt" from jobs where is_active order by id offset ? limit ?',
    [(n - 1) * perFile, perFile],
  );
  if (rows.length === 0) return null;
  return urlset(rows.map((r) => urlEntry(jobUrl(publicUrl, r.id), r.updatedAt)));
}
