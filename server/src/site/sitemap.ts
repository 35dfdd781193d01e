import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeHtml } from './job-posting-json-ld.js';

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * `/sitemap.xml`: the home page and the page of every active job (newest change first, up to the
 * protocol's 50,000 URLs), each with its last change.
 */
export async function sitemapXml(em: EntityManager, publicUrl: string): Promise<string> {
  const rows = await em.getConnection().execute<{ id: string; updatedAt: Date | string }[]>(
    'select id, updated_at as "updatedAt" from jobs where is_active order by updated_at desc limit ?',
    [SITEMAP_MAX_URLS - 1],
  );
  const url = (loc: string, lastmod?: Date | string) =>
    `<url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(`${publicUrl}/`),
    ...rows.map((r) => url(`${publicUrl}/jobs/${encodeURIComponent(r.id)}`, r.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}
