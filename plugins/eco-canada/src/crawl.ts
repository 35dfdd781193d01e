/**
 * The ECO Works crawl: listing pages (`/jobs`, then each `rel="next"`) and, for every new card,
 * its detail page `/jobs/{id}`, whose `window.job` object gives the posting.
 */
import { ListingPrints, paginate, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { EcoCanadaConfig } from './config.js';
import { findWindowJob } from './extract-window-job.js';
import { mapCard, mapWindowJob, type MappingResult } from './parse-job.js';
import { parseListing, type ListingCard } from './parse-listing.js';
import { SITE_BASE_URL, jobUrl, listUrl } from './site-urls.js';

type Ctx = CrawlContext<EcoCanadaConfig>;

/**
 * Yields one posting per job listed on the board, in listing order, each job once per run
 * (featured jobs repeat on every page: `ctx.once`). Listing pages are walked with `paginate()`
 * (`rel="next"`, a repeat ends the walk, at most `maxPages`: reaching it marks the run incomplete).
 * A detail page that is gone (404/410) or refused is logged and skipped (`ctx.markSkipped`, so
 * re-crawls do not ask for it while its card is unchanged); one that cannot be parsed falls back
 * to its card. An empty listing yields nothing (the engine archives nothing after it).
 *
 * Re-crawls: the listing shows no change date, so the card's own text stands for it. A job whose
 * card reads as when its page was last read, known to the engine (stored, or skipped then) and read
 * within the max age (`ctx.isFresh`), is reported `ctx.stillListed` without a request; other pages are asked
 * conditionally, and a 304 confirms the stored job.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: Ctx): AsyncGenerator<JobPosting> {
  const { maxPages } = ctx.config;
  // Started on the real site's URL, so that the pages' own links (real-origin or relative) and the
  // walk's repeat check are in one URL space; paginate() compares URLs as written (see README).
  const cards = paginate(ctx, listUrl(SITE_BASE_URL, ctx.config.listPath), (res, page) => {
    const listing = parseListing(res.document);
    if (listing.cards.length === 0) ctx.log.info('Listing page has no .job-listings-item card with a job link', { url: res.url });
    if (page + 1 >= maxPages && listing.nextHref !== undefined) {
      ctx.log.info(`Stopped after maxPages (${maxPages}) listing pages`, { next: listing.nextHref });
      ctx.markIncomplete(`stopped after maxPages (${maxPages}) listing pages`);
    }
    return { items: listing.cards, next: listing.nextHref };
  }, { maxPages });
  const prints = new ListingPrints(ctx, 'cards');
  for await (const card of cards) {
    if (!ctx.once(card.id)) continue;
    // What the card says: a change of title, employer, type or place shows here.
    const same = prints.unchanged(card.id, [card.title, card.companyName, card.jobTypeLabel, card.location]);
    if (same && ctx.isFresh(card.id) && ctx.stillListed(card.id)) continue;
    const posting = await readJob(ctx, card);
    if (posting) yield posting;
  }
  prints.save();
}

async function readJob(ctx: Ctx, card: ListingCard): Promise<JobPosting | undefined> {
  const url = jobUrl(ctx.baseUrl, card.id);
  // Network failures propagate on purpose: a run that silently skipped unreachable jobs would
  // let the engine archive them as "no longer listed".
  const res = await ctx.fetchOptional(url, { conditional: true });
  if (res?.notModified) {
    // As last read in full. If the engine did not keep the job then (a senior role), it would not now.
    ctx.stillListed(card.id, { confirmed: true });
    return undefined;
  }
  if (!res) {
    ctx.log.warn('Job page gone (HTTP 404/410) or refused; job skipped', { url, id: card.id });
    // Remembered: while its card reads the same, the next runs need not ask for the page again.
    ctx.markSkipped(card.id, 'job page gone (HTTP 404/410) or refused');
    return undefined;
  }
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
    ctx.markSkipped(card.id, 'job page could not be parsed');
    return undefined;
  }

  for (const note of result.notes) ctx.log[note.level](note.message, { url, ...note.data });
  if (!result.ok) {
    ctx.log.warn(`Job skipped: ${result.reason}`, { url, id: card.id });
    ctx.markSkipped(card.id, result.reason);
    return undefined;
  }
  return result.posting;
}
