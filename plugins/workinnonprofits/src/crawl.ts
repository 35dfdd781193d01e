import { DEFAULT_MAX_DETAIL_AGE_DAYS, FatalSourceError, ListingPrints, paginate, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import { SECTIONS, type Section, type WorkInNonprofitsConfig } from './config.js';
import { buildPosting, externalIdOf } from './build-posting.js';
import { parseDetailPage } from './parse-detail.js';
import { parseListingPage, type ListingCard } from './parse-listing.js';
import { parseRegionLinks } from './parse-search.js';
import { jobUrl, regionUrl, searchUrl, type RegionLink } from './urls.js';

const DEFAULT_MAX_PAGES = 20;

type Ctx = CrawlContext<WorkInNonprofitsConfig>;

/**
 * Crawls Work In Nonprofits: for each configured section, the search page gives the region pages
 * (remembered for the max detail age, so re-crawls read region pages only);
 * each region is paged through (`next_job_page` until the disabled "next"), and every job card not
 * seen before in this run (`ctx.once`) is completed from its detail page, unless its card reads as
 * in the last run ({@link ListingPrints}) and the engine's stored copy (or its memory of a page it
 * skipped) is fresh enough to report still listed.
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
  const prints = new ListingPrints(ctx, 'cards');

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
        const id = externalIdOf(card.link);
        if (!ctx.once(id)) continue;
        // The card's own fields stand for a change date the listing does not show (the closing
        // text is relative: it changes daily without any edit, so it is left out).
        const same = prints.unchanged(id, [card.title, card.companyName, card.location, card.locationType]);
        if (same && ctx.isFresh(id) && ctx.stillListed(id)) continue;
        const posting = await completeFromDetail(ctx, card);
        if (posting) yield posting;
      }
    }
  }
  prints.save();

  // Finishing "successfully" with nothing crawled would make the engine archive every open job
  // of this source, so an empty crawl plan is a failure, not an empty result.
  if (regionsCrawled === 0) {
    throw new FatalSourceError(
      `workinnonprofits: none of the configured regions (${JSON.stringify(config.regions)}) is linked from the ` +
        `search page of sections ${JSON.stringify(config.sections)}; check the "regions" setting`,
    );
  }
}

const REGIONS_MAX_AGE_MS = DEFAULT_MAX_DETAIL_AGE_DAYS * 86_400_000;

interface RememberedRegions {
  /** When the search page was read (ISO). */
  readAt: string;
  regions: RegionLink[];
}

/**
 * The section's regions: the ones its search page listed when last read, while that is less than
 * the max detail age old (the provinces and territories hardly change), else the search page again.
 * Kept in `ctx.state.regions` (saved by the engine after a successful run only).
 */
async function discoverRegions(ctx: Ctx, section: Section): Promise<RegionLink[]> {
  const stored = (ctx.state.regions ?? {}) as Record<string, RememberedRegions | undefined>;
  const kept = stored[section];
  const age = kept ? ctx.now().getTime() - Date.parse(kept.readAt) : Number.NaN;
  if (kept && Array.isArray(kept.regions) && kept.regions.length > 0 && age >= 0 && age < REGIONS_MAX_AGE_MS) return kept.regions;
  const regions = await readRegions(ctx, section);
  ctx.state.regions = { ...stored, [section]: { readAt: ctx.now().toISOString(), regions } };
  return regions;
}

async function readRegions(ctx: Ctx, section: Section): Promise<RegionLink[]> {
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
 * A job's posting from its detail page (asked conditionally: a 304 confirms the stored job), or
 * nothing when the page cannot be used. The caller has already decided the page needs reading: its
 * card changed, or its last reading is older than the max detail age.
 */
async function completeFromDetail(ctx: Ctx, card: ListingCard): Promise<JobPosting | undefined> {
  const id = externalIdOf(card.link);
  const url = jobUrl(ctx.baseUrl, card.link);
  const res = await ctx.fetchOptional(url, { conditional: true });
  if (res?.notModified) {
    ctx.stillListed(id, { confirmed: true });
    return undefined;
  }
  if (!res || !res.ok) {
    // Listed but gone (404/410) or refused: the card alone is too thin to keep the job alive.
    ctx.log.warn('Job page unavailable, skipped', { url, ...(res ? { status: res.status } : { reason: 'gone or refused' }) });
    // Gone or refused is remembered (no request while the card reads the same); another status is asked again.
    if (!res) ctx.markSkipped(id, 'job page gone (HTTP 404/410) or refused');
    return undefined;
  }
  try {
    const result = buildPosting(card, parseDetailPage(res.text, { url }), url);
    if (!result.posting) {
      ctx.log.warn('Job page lacks required fields, skipped', { url, missing: result.missing });
      ctx.markSkipped(id, `job page lacks ${result.missing.join(', ')}`);
      return undefined;
    }
    return result.posting;
  } catch (e) {
    ctx.log.warn('Job page could not be read, skipped', { url, error: String(e) });
    ctx.markSkipped(id, 'job page could not be read');
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
