/**
 * The {{name}} crawl: one listing page, parsed into postings. Grow it here when the site has
 * pagination (follow the "next" link until there is none) or detail pages (fetch each one).
 */
import { FatalSourceError, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { {{className}}Config } from './config.js';
import { parseListing } from './parse-listing.js';

/**
 * Yields the postings of the listing page, each job once. A listing that does not answer 2xx
 * fails the run (nothing could be read); a card that cannot be parsed is logged and skipped.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: CrawlContext<{{className}}Config>): AsyncGenerator<JobPosting> {
  // Always build URLs on ctx.baseUrl: the engine points it at a mirror or at the test fixtures.
  const url = `${ctx.baseUrl}${ctx.config.listPath}`;
  const res = await ctx.fetch(url);
  if (!res.ok) throw new FatalSourceError(`Listing ${url} answered HTTP ${res.status}`, { url });

  const listing = parseListing(res.document, res.url);
  for (const problem of listing.skipped) ctx.log.warn(`Card skipped: ${problem}`, { url: res.url });
  if (listing.postings.length === 0) ctx.log.warn('The listing page has no job card', { url: res.url });

  const seen = new Set<string>();
  for (const posting of listing.postings) {
    if (ctx.signal.aborted) return;
    const key = posting.externalId ?? posting.originalUrl;
    if (seen.has(key)) continue; // the same job listed twice (e.g. "featured") comes out once
    seen.add(key);
    yield posting;
  }
}
