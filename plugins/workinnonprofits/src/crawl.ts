import { FatalSourceError, paginate, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import { SECTIONS, type Section, type WorkInNonprofitsConfig } from './config.js';
import { buildPosting, externalIdOf } from './build-posting.js';
import { parseDetailPage } from './parse-detail.js';
import { parseListingPage, type ListingCard } from './parse-listing.js';
import { parseRegionLinks } from './parse-search.js';
import { jobUrl, regionUrl, searchUrl, type RegionLink } from './urls.js';

const DEFAULT_MAX_PAGES = 20;

type Ctx = CrawlContext<WorkInNonprofitsConfig>;

/**
 * Crawls Work In Nonprofits: for each configured section, the search page gives the region pages;
 * each region is paged through (`next_job_page` until the disabled "next"), and every job card not
 * seen before in this run (`ctx.once`) is completed from its detail page, unless the engine's
 * stored copy is fresh enough to report still listed.
 *
 * A job is fetched and yielded once per run however many times it is listed: once per language on
 * a page, on several region pages, or on several pages while the listing shifts.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: Ctx): AsyncGenerator<JobPosting> {
  const config = withDefaults(ctx.config);
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
        if (!ctx.once(externalIdOf(card.link))) continue;
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

async function discoverRegions(ctx: Ctx, section: Section): Promise<RegionLink[]> {
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

async function* listRegion(ctx: Ctx, region: RegionLink, maxPages: number): AsyncGenerator<ListingCard> {
  const pages = paginate(
    ctx,
    regionUrl(ctx.baseUrl, region),
    (res, index) => {
      let listing;
      try {
        listing = parseListingPage(res.document, { now: ctx.now() });
      } catch (e) {
        ctx.log.warn('Region page could not be read, skipped', { url: res.url, error: String(e) });
        return { items: [] };
      }
      if (listing.cards.length === 0) ctx.log.debug('No job cards', { url: res.url });
      const next = listing.nextPage !== undefined ? regionUrl(ctx.baseUrl, region, listing.nextPage) : undefined;
      // paginate() only logs its page limit; a region cut short must not let the engine archive.
      if (next !== undefined && index + 1 >= maxPages) {
        ctx.log.warn('Stopped paging at maxPagesPerRegion', { region: region.id, section: region.section, maxPages });
        ctx.markIncomplete(`stopped paging region ${region.id} (${region.section}) at maxPagesPerRegion (${maxPages})`);
        return { items: listing.cards };
      }
      return { items: listing.cards, ...(next !== undefined ? { next } : {}) };
    },
    { maxPages },
  );
  try {
    yield* pages;
  } catch (e) {
    // paginate() throws when a region's first page fails; the other regions still count.
    if (!(e instanceof FatalSourceError)) throw e;
    ctx.log.warn('Region page unavailable, skipped', { url: regionUrl(ctx.baseUrl, region), error: e.message });
  }
}

/**
 * A job's posting from its detail page, or nothing when the stored job stands (still listed) or
 * the page cannot be used. The listing carries no posted/edited date (only a relative closing
 * date), so a known job is re-read only once its last reading is older than the max detail age,
 * and then conditionally: a 304 confirms the stored job.
 */
async function completeFromDetail(ctx: Ctx, card: ListingCard): Promise<JobPosting | undefined> {
  const id = externalIdOf(card.link);
  if (ctx.isFresh(id) && ctx.stillListed(id)) return undefined;
  const url = jobUrl(ctx.baseUrl, card.link);
  const res = await ctx.fetchOptional(url, { conditional: true });
  if (res?.notModified) {
    ctx.stillListed(id, { confirmed: true });
    return undefined;
  }
  if (!res || !res.ok) {
    // Listed but gone (404/410) or refused: the card alone is too thin to keep the job alive.
    ctx.log.warn('Job page unavailable, skipped', { url, ...(res ? { status: res.status } : { reason: 'gone or refused' }) });
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
