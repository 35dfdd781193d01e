import {
  BlockedError,
  FatalSourceError,
  paginate,
  parseFeed,
  RetryableError,
  validatePosting,
  type CrawlContext,
  type JobPosting,
} from '@pathfinder/sdk';
import { buildPosting } from './build-posting.js';
import { LISTING_PATH, type CivicJobsConfig } from './config.js';
import { mergeDetail, type JobDraft } from './job-draft.js';
import { jobUrl } from './job-url.js';
import { parseDetailPage } from './parse-detail.js';
import { feedItemToDraft } from './parse-feed-item.js';
import { listingCardToDraft, parseListingPage } from './parse-listing.js';

/** Upper bound on listing pages followed through `rel="next"` (a guard against loops). */
export const MAX_LISTING_PAGES = 50;

type Ctx = CrawlContext<CivicJobsConfig>;

/**
 * The CivicJobs crawl: the RSS feed first, the HTML listing when the feed fails; each job
 * completed from its detail page when robots.txt allows it; deduplicated by job id.
 *
 * Incremental: a job the engine already stored, whose detail page was read after the feed's
 * `pubDate` (the listing's posted date) and within the manifest's max age, is reported still
 * listed without a request. Otherwise its detail page is asked for conditionally: a 304 confirms
 * the stored job (or that a job the engine skips is still the same), anything else is read again.
 */
export async function* crawlCivicJobs(ctx: Ctx): AsyncGenerator<JobPosting> {
  const max = ctx.config.maxItems ?? Number.POSITIVE_INFINITY;
  let count = 0;
  for await (const draft of discover(ctx)) {
    const key = draft.externalId ?? draft.originalUrl;
    if (!ctx.once(key)) {
      ctx.log.debug('Duplicate job skipped', { key });
      continue;
    }
    const full = ctx.config.fetchDetails && draft.externalId ? await withDetail(ctx, draft, draft.externalId) : draft;
    if (full === STILL_LISTED) {
      // A job reported still listed counts towards the limit like a yielded one, and the engine is told too.
      if (++count >= max) return ctx.markIncomplete(`stopped at maxItems (${max})`);
      continue;
    }
    const built = buildPosting(full, ctx.now());
    if (!built.ok) {
      ctx.log.warn(`Job skipped: ${built.reason}`, { url: draft.originalUrl });
      continue;
    }
    const checked = validatePosting(built.posting);
    if (!checked.ok) {
      ctx.log.warn('Job skipped: invalid posting', { url: draft.originalUrl, errors: checked.errors });
      continue;
    }
    yield checked.value;
    // Stop before the next detail page (or listing page) is requested.
    if (++count >= max) return ctx.markIncomplete(`stopped at maxItems (${max})`);
  }
}

/** Drafts from the feed, or from the listing when the feed fails. */
async function* discover(ctx: Ctx): AsyncGenerator<JobDraft> {
  const feed = await readFeed(ctx);
  if (feed.drafts.length > 0) {
    yield* feed.drafts;
    return;
  }
  if (!ctx.config.listingFallback) {
    if (feed.error) throw feed.error;
    ctx.log.info(`Feed has no jobs (${feed.reason}); listing fallback is off`);
    return;
  }
  ctx.log.warn(`Feed unusable (${feed.reason}); reading the HTML listing instead`);
  let found = 0;
  try {
    for await (const draft of readListing(ctx)) {
      found++;
      yield draft;
    }
  } catch (e) {
    // A refusal stays a refusal (never retried); so does any failure after jobs were yielded.
    if (found > 0 || !isFailure(e) || e instanceof BlockedError) throw e;
    throw listingFailure(feed, e instanceof Error ? e.message : String(e), e);
  }
  // An empty run would make the engine archive every CivicJobs job: refuse it.
  if (found === 0) throw listingFailure(feed, 'the listing has no job cards');
}

interface FeedResult {
  drafts: JobDraft[];
  reason: string;
  error?: Error;
}

async function readFeed(ctx: Ctx): Promise<FeedResult> {
  const url = `${ctx.baseUrl}${ctx.config.feedPath}`;
  let res;
  try {
    res = await ctx.fetch(url, { headers: { accept: 'application/rss+xml, application/xml;q=0.9, */*;q=0.5' } });
  } catch (e) {
    // 5xx/429/network after the fetcher's retries, or robots.txt refusing the feed.
    if (isFailure(e)) return { drafts: [], reason: (e as Error).message, error: e as Error };
    throw e;
  }
  if (!res.ok) {
    return {
      drafts: [],
      reason: `HTTP ${res.status} from ${url}`,
      error: new FatalSourceError(`The feed answered HTTP ${res.status}: check feedPath`, { url }),
    };
  }
  let items;
  try {
    items = parseFeed(res.text).items;
  } catch (e) {
    return { drafts: [], reason: `unreadable feed: ${(e as Error).message}`, error: e as Error };
  }
  const drafts: JobDraft[] = [];
  for (const item of items) {
    const draft = feedItemToDraft(item, ctx.baseUrl);
    if (draft) drafts.push(draft);
    else ctx.log.warn('Feed item skipped: no job id and no link', { title: item.title });
  }
  return { drafts, reason: items.length ? `${items.length} items, none usable` : 'no items' };
}

async function* readListing(ctx: Ctx): AsyncGenerator<JobDraft> {
  const cards = paginate(ctx, `${ctx.baseUrl}${LISTING_PATH}`, (res) => {
    const page = parseListingPage(res.document, res.url);
    return { items: page.cards, next: page.next };
  }, { maxPages: MAX_LISTING_PAGES });
  for await (const card of cards) {
    const draft = listingCardToDraft(card, ctx.baseUrl);
    if (draft) yield draft;
    else ctx.log.warn('Listing card skipped: no job id and no link', { title: card.title });
  }
}

/** {@link withDetail}'s answer for a job the engine keeps as stored. */
const STILL_LISTED = Symbol('still listed');

/**
 * Completes a draft from its detail page, or reports the stored job still listed when the page
 * need not (or cannot) be read again. A disallowed, missing or failing page of a job the engine
 * does not know leaves the draft as the feed gave it.
 */
async function withDetail(ctx: Ctx, draft: JobDraft, id: string): Promise<JobDraft | typeof STILL_LISTED> {
  // The feed's pubDate (the card's posted date) says when the job was last published.
  if (ctx.isFresh(id, draft.posted) && ctx.stillListed(id)) return STILL_LISTED;
  const url = jobUrl(ctx.baseUrl, id);
  let res;
  try {
    res = await ctx.fetchOptional(url, { conditional: true });
    if (res?.notModified) {
      // Unchanged since last read in full. If the engine did not keep the job then (a senior role
      // it skips, one an admin closed), it would not keep it now: nothing to yield either way.
      ctx.stillListed(id, { confirmed: true });
      return STILL_LISTED;
    }
  } catch (e) {
    if (!(e instanceof RetryableError)) throw e;
    // The stored job beats the feed's shorter text; a job never stored gets the feed's.
    if (ctx.stillListed(id)) return STILL_LISTED;
    ctx.log.warn('Detail page failed; using the feed data', { url, error: e.message });
    return draft;
  }
  if (!res) {
    ctx.log.info('Detail page disallowed or gone; using the feed data', { url });
    return draft;
  }
  if (!res.ok) {
    ctx.log.warn(`Detail page answered HTTP ${res.status}; using the feed data`, { url });
    return draft;
  }
  const detail = parseDetailPage(res.text);
  if (!detail) {
    ctx.log.warn('Detail page has no div.card.job-detail; using the feed data', { url });
    return draft;
  }
  return mergeDetail(draft, detail);
}

// Failures of the feed that the listing can make up for.
function isFailure(e: unknown): boolean {
  return e instanceof RetryableError || e instanceof BlockedError || e instanceof FatalSourceError;
}

// When both ways in fail: retry later if the feed's failure was transient, else it is fatal.
function listingFailure(feed: FeedResult, why: string, cause?: unknown): Error {
  const message = `No jobs from the feed (${feed.reason}) nor the listing (${why})`;
  return feed.error instanceof RetryableError
    ? new RetryableError(message, { cause: cause ?? feed.error })
    : new FatalSourceError(message, { cause: cause ?? feed.error });
}
