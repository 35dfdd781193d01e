/**
 * The MaRS crawl: page through the Getro search API, keep the wanted seniorities, then read each
 * kept job's description from its board page.
 */
import { FatalSourceError, ListingPrints, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { MarsConfig } from './config.js';
import { parseBoardPage } from './parse-board-page.js';
import { parseJob, seniorityOf } from './parse-job.js';
import { parseSearchPage, searchRequestBody } from './parse-search.js';

interface Pending {
  posting: JobPosting;
  boardUrl?: string;
}

/** The search endpoint for a collection, e.g. `https://api.getro.com/api/v2/collections/383/search/jobs`. */
export function searchUrl(config: Pick<MarsConfig, 'apiOrigin' | 'collectionId'>): string {
  return `${config.apiOrigin.replace(/\/+$/, '')}/api/v2/collections/${config.collectionId}/search/jobs`;
}

/**
 * Pages through the search API and returns the kept jobs, de-duplicated by id, in API order.
 *
 * All pages are read before any board page so that the listing is a snapshot taken over a few
 * requests: reading board pages in between would stretch paging over minutes, during which new
 * jobs shift later ones onto pages already read.
 */
async function searchJobs(ctx: CrawlContext<MarsConfig>): Promise<Pending[]> {
  const { config } = ctx;
  const url = searchUrl(config);
  const wanted = new Set(config.seniorities.map((s) => s.toLowerCase()));
  const everyId = new Set<string>(); // every id received, kept or not
  const kept: Pending[] = [];
  let received = 0;
  let finished = false;
  for (let page = 0; page < config.maxPages; page++) {
    const res = await ctx.fetch(url, {
      method: 'POST',
      // Getro answers 406 without an explicit Accept.
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(searchRequestBody(page, config.hitsPerPage)),
    });
    if (!res.ok) {
      // Stopping quietly would make the run look complete and archive every unseen job.
      throw new FatalSourceError(`Getro search answered HTTP ${res.status} for page ${page}`, { url });
    }
    const result = parseSearchPage(res.json());
    if (!result) throw new FatalSourceError(`Getro search page ${page} has no results.jobs array`, { url });
    if (result.jobs.length === 0) {
      finished = true;
      break;
    }
    received += result.jobs.length;
    const ids = result.jobs.filter((j) => typeof j.id === 'number' || typeof j.id === 'string').map((j) => String(j.id));
    if (page > 0 && ids.length > 0 && ids.every((id) => everyId.has(id))) {
      // The API ignored `page` (or looped): ending here would look complete and archive the rest.
      throw new FatalSourceError(`Getro search page ${page} only repeats earlier results`, { url });
    }
    for (const id of ids) everyId.add(id);
    for (const job of result.jobs) {
      if (!wanted.has(seniorityOf(job))) continue;
      const parsed = parseJob(job, ctx.baseUrl);
      if (!parsed.ok) {
        ctx.log.warn('mars: skipped a search result', { page, reason: parsed.reason });
        continue;
      }
      const id = parsed.posting.externalId as string;
      if (!ctx.once(id)) continue; // a job that slid from one page onto the next
      kept.push(parsed.boardUrl ? { posting: parsed.posting, boardUrl: parsed.boardUrl } : { posting: parsed.posting });
    }
    // The server may cap a page below hitsPerPage, so a short page is not the last: only
    // `count` (or an empty page) says so.
    if (result.count !== undefined && received >= result.count) {
      finished = true;
      break;
    }
  }
  if (!finished) {
    ctx.log.warn('mars: stopped at maxPages before the end of the results', { maxPages: config.maxPages });
    ctx.markIncomplete(`stopped at maxPages (${config.maxPages}) before the end of the search results`);
  }
  ctx.log.info('mars: search done', { received, kept: kept.length });
  return kept;
}

/**
 * Adds the board page's JSON-LD description to a posting. Any answer other than a page with a
 * JSON-LD description (404 once the role closed, a page without JSON-LD, a robots refusal) keeps
 * the search result's data and fetches nothing more for that job.
 *
 * Incremental: a stored job whose search result reads as in the last run ({@link ListingPrints}:
 * an edit shows there, `created_at` does not move) and that was read within the max age is
 * reported still listed without a request (`undefined`); otherwise the board page is asked for
 * conditionally and a 304 confirms the stored job.
 */
async function withDescription(ctx: CrawlContext<MarsConfig>, job: Pending, prints: ListingPrints): Promise<JobPosting | undefined> {
  const { posting, boardUrl } = job;
  const id = posting.externalId as string;
  const same = prints.unchanged(id, posting);
  if (same && ctx.isFresh(id, posting.datePosted) && ctx.stillListed(id)) return undefined;
  if (!boardUrl) return posting;
  // Retryable trouble or an abort still throws: the engine decides.
  const res = await ctx.fetchOptional(boardUrl, { conditional: true });
  if (res?.notModified) {
    ctx.stillListed(id, { confirmed: true });
    return undefined;
  }
  if (!res) {
    ctx.log.warn('mars: board page unavailable (gone or refused), keeping search data', { url: boardUrl });
    return posting;
  }
  if (!res.ok) {
    ctx.log.warn('mars: board page unavailable, keeping search data', { url: boardUrl, status: res.status });
    return posting;
  }
  let details;
  try {
    details = parseBoardPage(res.text, { expectedTitle: posting.title, url: res.url });
  } catch (e) {
    ctx.log.warn('mars: board page unreadable, keeping search data', { url: boardUrl, error: String(e) });
    return posting;
  }
  if (!details) {
    ctx.log.warn('mars: no JSON-LD JobPosting description on board page', { url: boardUrl });
    return posting;
  }
  return { ...posting, ...details };
}

/**
 * The crawl generator behind the MaRS source.
 *
 * @example
 * ```ts
 * for await (const posting of crawlMars(ctx)) console.log(posting.title);
 * ```
 */
export async function* crawlMars(ctx: CrawlContext<MarsConfig>): AsyncGenerator<JobPosting> {
  const jobs = await searchJobs(ctx);
  const prints = new ListingPrints(ctx, 'results');
  for (const job of jobs) {
    if (!ctx.config.fetchDescriptions) {
      yield job.posting;
      continue;
    }
    const posting = await withDescription(ctx, job, prints);
    if (posting) yield posting;
  }
  prints.save();
}
