/**
 * The ECO Works crawl: listing pages (`/jobs`, then each `rel="next"`) and, for every new card,
 * its detail page `/jobs/{id}`, whose `window.job` object gives the posting.
 */
import { FatalSourceError, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { EcoCanadaConfig } from './config.js';
import { findWindowJob } from './extract-window-job.js';
import { mapCard, mapWindowJob, type MappingResult } from './parse-job.js';
import { parseListing, type ListingCard } from './parse-listing.js';
import { jobUrl, listUrl, rebaseUrl } from './site-urls.js';

/**
 * Yields one posting per job listed on the board, in listing order, each job once per run
 * (featured jobs repeat on every page). A detail page that answers 404 (the job closed since
 * the listing was read) or cannot be parsed is logged and skipped; a first listing page that
 * does not answer 2xx fails the run, since nothing could be read.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: CrawlContext<EcoCanadaConfig>): AsyncGenerator<JobPosting> {
  const seenJobs = new Set<string>();
  const seenPages = new Set<string>();
  let pageUrl: string | undefined = listUrl(ctx.baseUrl, ctx.config.listPath);
  let pages = 0;

  while (pageUrl !== undefined) {
    if (pages >= ctx.config.maxPages) {
      ctx.log.info(`Stopped after maxPages (${ctx.config.maxPages}) listing pages`, { next: pageUrl });
      ctx.markIncomplete(`stopped after maxPages (${ctx.config.maxPages}) listing pages`);
      break;
    }
    seenPages.add(pageUrl);
    pages += 1;
    const res = await ctx.fetch(pageUrl);
    if (!res.ok) {
      if (pages === 1) {
        throw new FatalSourceError(`ECO Works listing ${pageUrl} answered HTTP ${res.status}`, { url: pageUrl });
      }
      ctx.log.warn(`Listing page answered HTTP ${res.status}; pagination stops here`, { url: pageUrl, status: res.status });
      break;
    }

    const listing = parseListing(res.document);
    if (listing.cards.length === 0) {
      ctx.log.warn('Listing page has no .job-listings-item card with a job link', { url: pageUrl });
    }
    for (const card of listing.cards) {
      if (seenJobs.has(card.id)) continue;
      seenJobs.add(card.id);
      const posting = await readJob(ctx, card);
      if (posting) yield posting;
    }

    const next = listing.nextHref === undefined ? undefined : rebaseUrl(listing.nextHref, res.url, ctx.baseUrl);
    if (next !== undefined && seenPages.has(next)) {
      // A "next" link back to a page already read would loop forever.
      ctx.log.warn('rel="next" points at a listing page already read; pagination stops', { url: pageUrl, next });
      break;
    }
    pageUrl = next;
  }
}

async function readJob(ctx: CrawlContext<EcoCanadaConfig>, card: ListingCard): Promise<JobPosting | undefined> {
  const url = jobUrl(ctx.baseUrl, card.id);
  // Network failures propagate on purpose: a run that silently skipped unreachable jobs would
  // let the engine archive them as "no longer listed".
  const res = await ctx.fetch(url);
  if (!res.ok) {
    ctx.log.warn(`Job page answered HTTP ${res.status}; job skipped`, { url, id: card.id, status: res.status });
    return undefined;
  }

  let result: MappingResult;
  try {
    const found = findWindowJob(res.document);
    if (found.status === 'found') {
      result = mapWindowJob(found.value, { id: card.id, url, card });
    } else {
      ctx.log.warn(
        found.status === 'absent'
          ? 'Job page has no window.job data; using the listing card'
          : `Job page's window.job could not be read (${found.reason}); using the listing card`,
        { url, id: card.id },
      );
      result = mapCard(card, url);
    }
  } catch (err) {
    ctx.log.warn('Job page could not be parsed; job skipped', { url, id: card.id, error: String(err) });
    return undefined;
  }

  for (const note of result.notes) ctx.log[note.level](note.message, { url, ...note.data });
  if (!result.ok) {
    ctx.log.warn(`Job skipped: ${result.reason}`, { url, id: card.id });
    return undefined;
  }
  return result.posting;
}
