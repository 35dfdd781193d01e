import { FatalSourceError, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import { SECTIONS, type Section, type WorkInNonprofitsConfig } from './config.js';
import { buildPosting, externalIdOf } from './build-posting.js';
import { parseDetailPage } from './parse-detail.js';
import { parseListingPage, type ListingCard } from './parse-listing.js';
import { parseRegionLinks } from './parse-search.js';
import { jobUrl, regionUrl, searchUrl, type RegionLink } from './urls.js';

const DEFAULT_MAX_PAGES = 20;

/**
 * Crawls Work In Nonprofits: for each configured section, the search page gives the region pages;
 * each region is paged through (`next_job_page` until the disabled "next"), and every job card not
 * seen before in this run is completed from its detail page.
 *
 * A job is fetched and yielded once per run however many times it is listed: once per language on
 * a page, on several region pages, or on several pages while the listing shifts.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: CrawlContext<WorkInNonprofitsConfig>): AsyncGenerator<JobPosting> {
  const config = withDefaults(ctx.config);
  const seen = new Set<string>();
  let regionsCrawled = 0;

  for (const section of config.sections) {
    const regions = await discoverRegions(ctx, section);
    const only = config.regions;
    // An empty list (an admin cleared the field) means no restriction, like an absent one.
    const wanted = only && only.length > 0 ? regions.filter((r) => only.includes(r.id)) : regions;
    if (wanted.length === 0) {
      ctx.log.warn('No configured region is listed in this section', { section, regions: config.regions });
    }
    for (const region of wanted) {
      regionsCrawled += 1;
      for await (const card of listRegion(ctx, region, config.maxPagesPerRegion)) {
        const key = externalIdOf(card.link);
        if (seen.has(key)) continue;
        seen.add(key);
        const posting = await completeFromDetail(ctx, card);
        if (posting) yield posting;
      }
    }
  }

  // Finishing "successfully" with nothing crawled would make the engine archive every open job
  // of this source, so an empty crawl plan is a failure, not an empty result.
  if (regionsCrawled === 0) {
    throw new FatalSourceError(
      `workinnonprofits: none of the configured regions (${JSON.stringify(config.regions)}) is linked from the ` +
        `search page of sections ${JSON.stringify(config.sections)}; check the "regions" setting`,
    );
  }
}

async function discoverRegions(ctx: CrawlContext<WorkInNonprofitsConfig>, section: Section): Promise<RegionLink[]> {
  const url = searchUrl(ctx.baseUrl, section);
  const res = await ctx.fetch(url);
  if (!res.ok) {
    throw new FatalSourceError(`workinnonprofits: the ${section} search page answered HTTP ${res.status}`, { url });
  }
  const regions = parseRegionLinks(res.document, section);
  if (regions.length === 0) {
    // The search page is how regions are found (sources.md: *assumed*); none means the site changed.
    throw new FatalSourceError(`workinnonprofits: no region links (a[href*="/${section}/list-by/region/"]) on ${url}`, {
      url,
    });
  }
  ctx.log.debug('Regions discovered', { section, count: regions.length });
  return regions;
}

async function* listRegion(
  ctx: CrawlContext<WorkInNonprofitsConfig>,
  region: RegionLink,
  maxPages: number,
): AsyncGenerator<ListingCard> {
  const visited = new Set<number>();
  let page: number | undefined = 1;
  while (page !== undefined) {
    if (visited.size >= maxPages) {
      ctx.log.warn('Stopped paging at maxPagesPerRegion', { region: region.id, section: region.section, maxPages });
      ctx.markIncomplete(`stopped paging region ${region.id} (${region.section}) at maxPagesPerRegion (${maxPages})`);
      return;
    }
    visited.add(page);
    const url = regionUrl(ctx.baseUrl, region, page);
    const res = await ctx.fetch(url);
    if (!res.ok) {
      ctx.log.warn('Region page unavailable, skipped', { url, status: res.status });
      return;
    }
    let listing;
    try {
      listing = parseListingPage(res.document, { now: ctx.now() });
    } catch (e) {
      ctx.log.warn('Region page could not be read, skipped', { url, error: String(e) });
      return;
    }
    if (listing.cards.length === 0) ctx.log.debug('No job cards', { url });
    yield* listing.cards;
    // A "next" pointing back at a page already read would loop: stop there.
    page = listing.nextPage !== undefined && !visited.has(listing.nextPage) ? listing.nextPage : undefined;
  }
}

async function completeFromDetail(
  ctx: CrawlContext<WorkInNonprofitsConfig>,
  card: ListingCard,
): Promise<JobPosting | undefined> {
  const url = jobUrl(ctx.baseUrl, card.link);
  const res = await ctx.fetch(url);
  if (!res.ok) {
    // Listed but gone (404/410) or refused: the card alone is too thin to keep the job alive.
    ctx.log.warn('Job page unavailable, skipped', { url, status: res.status });
    return undefined;
  }
  try {
    const result = buildPosting(card, parseDetailPage(res.text, { url }), url);
    if (!result.posting) {
      ctx.log.warn('Job page lacks required fields, skipped', { url, missing: result.missing });
      return undefined;
    }
    return result.posting;
  } catch (e) {
    ctx.log.warn('Job page could not be read, skipped', { url, error: String(e) });
    return undefined;
  }
}

// The engine applies the schema's defaults; this keeps a bare `{}` (e.g. a direct call) working too.
function withDefaults(c: Partial<WorkInNonprofitsConfig> | undefined): WorkInNonprofitsConfig {
  return {
    sections: c?.sections ?? [...SECTIONS],
    ...(c?.regions ? { regions: c.regions } : {}),
    maxPagesPerRegion: c?.maxPagesPerRegion ?? DEFAULT_MAX_PAGES,
  };
}
