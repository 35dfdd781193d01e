/**
 * The {{name}} crawl: the listing pages (following `a[rel="next"]`), parsed into postings. Grow it
 * here when the site has detail pages: fetch each with `ctx.fetchOptional(url, { conditional: true })`
 * (`undefined` when it is gone or refused, `res.notModified` when unchanged), and skip the ones
 * whose stored copy is recent with `if (ctx.isFresh(id, listedDate) && ctx.stillListed(id)) continue;`
 * (no date on the listing? `ListingPrints` compares the cards instead). Call
 * `ctx.markSkipped(id, reason)` for a job whose page is gone, so re-crawls do not ask for it again.
 */
import { paginate, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { {{className}}Config } from './config.js';
import { parseListing } from './parse-listing.js';

/** Listing pages read at most (a guard against endless "next" chains). */
const MAX_LISTING_PAGES = 20;

/**
 * Yields the postings of the listing pages, each job once. A first listing page that does not
 * answer 2xx fails the run (nothing could be read); a card that cannot be parsed is logged and
 * skipped. An empty listing needs no check here: the engine archives nothing after an empty run.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: CrawlContext<{{className}}Config>): AsyncGenerator<JobPosting> {
  // Build real site URLs on ctx.baseUrl: the engine and the test kit point it at a mirror.
  const postings = paginate(ctx, `${ctx.baseUrl}${ctx.config.listPath}`, (res, index) => {
    const listing = parseListing(res.document, res.url);
    for (const problem of listing.skipped) ctx.log.warn(`Card skipped: ${problem}`, { url: res.url });
    const next = res.document.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined;
    // A cut-short listing must not let the engine archive the jobs on the pages not read.
    if (next && index + 1 >= MAX_LISTING_PAGES) {
      ctx.markIncomplete(`stopped after ${MAX_LISTING_PAGES} listing pages`);
      return { items: listing.postings };
    }
    return { items: listing.postings, ...(next ? { next } : {}) };
  }, { maxPages: MAX_LISTING_PAGES });
  for await (const posting of postings) {
    if (ctx.signal.aborted) return;
    // The same job listed twice (e.g. "featured") comes out once.
    if (!ctx.once(posting.externalId ?? posting.originalUrl)) continue;
    yield posting;
  }
}
