import type { HtmlDocument } from '@pathfinder/sdk';
import type { Section } from './config.js';
import { parseRegionLink, type RegionLink } from './urls.js';

/**
 * The region pages a section's search page (`/jobs/search`, `/volunteer-jobs/search`) links to,
 * each once, in page order. Links into the other section (the paid search page's navigation links
 * volunteer regions, and the other way round) are ignored.
 *
 * *Assumed* (sources.md): the search page links every region as `a[href*="/jobs/list-by/region/"]`.
 *
 * @example
 * ```ts
 * parseRegionLinks(res.document, 'jobs');
 * // [{ section: 'jobs', id: 9, slug: 'nova-scotia' }, { section: 'jobs', id: 6, slug: 'ontario' }]
 * ```
 */
export function parseRegionLinks(doc: HtmlDocument, section: Section): RegionLink[] {
  const seen = new Set<number>();
  const regions: RegionLink[] = [];
  for (const a of doc.querySelectorAll('a[href*="/list-by/region/"]')) {
    const link = parseRegionLink(a.getAttribute('href') ?? '');
    if (!link || link.section !== section || seen.has(link.id)) continue;
    seen.add(link.id);
    regions.push(link);
  }
  return regions;
}
