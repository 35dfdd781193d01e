import { DisallowedError } from './errors.js';
import { systemClock, type Clock } from './fetch/clock.js';
import type { PoliteFetcher } from './fetch/polite-fetcher.js';
import type { FetchOptions, FetchResponse } from './fetch/types.js';
import { parseDate } from './helpers/dates.js';
import { emptyCrawlMemory, type CrawlMemory, type KnownPosting, type StillListedOptions } from './incremental/crawl-memory.js';
import { silentLogger, type Logger } from './logger.js';

/**
 * Everything `crawl()` gets. A plugin reaches the network only through `ctx.fetch`, which
 * enforces robots.txt, the manifest's `disallowedPaths` and the crawl delay per host.
 *
 * @example
 * ```ts
 * async *crawl(ctx) {
 *   const res = await ctx.fetch('/rss');                 // relative URLs resolve against ctx.baseUrl
 *   for (const item of parseFeed(res.text).items) {
 *     if (ctx.signal.aborted) return;
 *     const deadline = parseDate('closes in 12 days', { now: ctx.now() });
 *     ctx.state.lastSeen = item.guid;                     // persisted after a successful run
 *     yield { title: item.title, companyName: 'X', originalUrl: item.link, description: htmlToText(item.description),
 *             applicationDeadline: deadline };
 *   }
 * }
 * ```
 */
export interface CrawlContext<C = Record<string, unknown>> {
  /** Polite HTTP: see {@link FetchResponse}. Relative URLs resolve against `baseUrl`. */
  fetch(url: string | URL, options?: FetchOptions): Promise<FetchResponse>;
  /** The manifest's baseUrl unless the engine overrides it (e.g. a local mirror); no trailing slash. */
  baseUrl: string;
  /** The resolved configuration (defaults applied, validated against `configSchema`). */
  config: C;
  /** A JSON cursor: mutate freely; the engine persists it after a successful run. */
  state: Record<string, unknown>;
  /** Crawl log. */
  log: Logger;
  /** Fires when the run is cancelled; stop promptly. */
  signal: AbortSignal;
  /** The crawl clock (fake in tests): use it for relative dates like "closes in 3 days". */
  now(): Date;
  /**
   * Per-run de-duplication (SDK 1.1): true the first time `key` is seen in this run, false after.
   *
   * @example
   * ```ts
   * for (const item of items) {
   *   if (!ctx.once(item.id)) continue; // the feed lists it twice
   *   yield toPosting(item);
   * }
   * ```
   */
  once(key: string): boolean;
  /**
   * Like `fetch`, but resolves `undefined` instead of a page that is not there for us (SDK 1.1):
   * a `404` or `410` answer, or a URL robots.txt or `disallowedPaths` refuse (nothing is sent).
   * Any other answer (a `403`, a `200`) is returned as `fetch` returns it; failures still throw.
   *
   * @example
   * ```ts
   * const res = await ctx.fetchOptional(jobUrl);
   * if (!res?.ok) return fromListing; // gone, refused, or not usable: keep the listing's data
   * ```
   */
  fetchOptional(url: string | URL, options?: FetchOptions): Promise<FetchResponse | undefined>;
  /**
   * What the engine stored for this source's posting with `externalId` (SDK 1.1), or `undefined`
   * on a first run, a dry run, or a posting it never stored.
   *
   * @example
   * ```ts
   * ctx.known('123456'); // { contentHash: '…', lastSeenAt: Date, detailFetchedAt: Date }
   * ```
   */
  known(externalId: string): KnownPosting | undefined;
  /**
   * Reports a known posting as still listed without re-reading it (SDK 1.1): the engine counts it
   * `unchanged`, refreshes its last-seen time and does not archive it. Returns false when the engine
   * does not know the posting (then yield it in full instead). Pass `{ confirmed: true }` when a
   * conditional fetch of its detail page answered 304: the stored content then counts as read now.
   *
   * @example
   * ```ts
   * if (ctx.isFresh(id, item.pubDate) && ctx.stillListed(id)) continue; // no detail page needed
   * const res = await ctx.fetch(url, { conditional: true });
   * if (res.notModified && ctx.stillListed(id, { confirmed: true })) continue;
   * ```
   */
  stillListed(externalId: string, o?: StillListedOptions): boolean;
  /**
   * True when the stored posting needs no re-reading (SDK 1.1): the engine knows it, its details
   * were read less than the manifest's `maxDetailAgeDays` (default 7) ago, and `changedAt` (what
   * the listing says about the posting's last change: a feed's `pubDate`, a sitemap's `lastmod`,
   * a listing's "updated" date; any form `parseDate` reads) is not later than that read. A
   * `changedAt` that cannot be read counts as changed.
   *
   * @example
   * ```ts
   * ctx.isFresh('123456', 'Fri, 20 Nov 2026 09:15:00 -0800'); // true if read since then, within 7 days
   * ```
   */
  isFresh(externalId: string, changedAt?: string | number | Date): boolean;
  /**
   * Tells the engine a listed posting is not kept after reading it: its page is gone (404/410) or
   * refused, it does not parse, it is not for this board (since SDK 1.1). The run counts it skipped,
   * and the next runs know it: `ctx.known(id)` answers with `skipped` set to `reason`, and
   * `ctx.isFresh(id, changedAt)` / `ctx.stillListed(id)` spare its page until the listing says it
   * changed or the max age passed, exactly as for a stored posting. Postings the engine's own
   * pipeline drops (senior roles, passed deadlines) are remembered the same way without a call.
   *
   * @example
   * ```ts
   * if (ctx.isFresh(id, card.updated) && ctx.stillListed(id)) continue; // stored, or skipped before
   * const res = await ctx.fetchOptional(url, { conditional: true });
   * if (!res) { ctx.markSkipped(id, 'job page gone'); continue; }
   * ```
   */
  markSkipped(externalId: string, reason: string): void;
  /**
   * Tells the engine this run did not read the whole listing: a limit in the config (`maxItems`,
   * `maxPages`) or a safety cap stopped it early. The engine then archives nothing after the run
   * (the jobs it did not reach are still listed) and records the run as `partial` with `reason`.
   * Call it where the crawl stops early, then stop. Since SDK 1.1.
   *
   * @example
   * ```ts
   * if (pages >= ctx.config.maxPages) {
   *   ctx.markIncomplete(`stopped after maxPages (${ctx.config.maxPages}) listing pages`);
   *   return;
   * }
   * ```
   */
  markIncomplete(reason: string): void;
}

/** Options of {@link createCrawlContext}. */
export interface CreateCrawlContextOptions<C> {
  fetcher: PoliteFetcher;
  baseUrl: string;
  config: C;
  state?: Record<string, unknown>;
  log?: Logger;
  signal?: AbortSignal;
  clock?: Clock;
  /** What the engine remembers of earlier runs (default: nothing). */
  memory?: CrawlMemory;
  /** Called each time the crawl calls `ctx.markIncomplete(reason)`. */
  onIncomplete?: (reason: string) => void;
}

/**
 * Builds the `ctx` handed to a source's `crawl()`. The engine and the test kit use it; plugins never do.
 *
 * @example
 * ```ts
 * const fetcher = new PoliteFetcher({ policy: { crawlDelaySeconds: 5, disallowedPaths: [] } });
 * const ctx = createCrawlContext({ fetcher, baseUrl: def.baseUrl, config: resolveConfig(def, {}) });
 * for await (const posting of def.crawl(ctx)) console.log(posting.title);
 * ```
 */
export function createCrawlContext<C>(o: CreateCrawlContextOptions<C>): CrawlContext<C> {
  const baseUrl = stripTrailingSlash(o.baseUrl);
  const clock = o.clock ?? systemClock;
  const signal = o.signal ?? new AbortController().signal;
  const memory = o.memory ?? emptyCrawlMemory();
  const seen = new Set<string>();
  const ctx: CrawlContext<C> = {
    async fetch(url: string | URL, options?: FetchOptions): Promise<FetchResponse> {
      const target = resolveAgainst(url, baseUrl);
      const { conditional, ...rest } = options ?? {};
      const headers = { ...rest.headers };
      const stored = conditional ? memory.validatorsFor(target) : undefined;
      if (stored?.etag) headers['if-none-match'] = stored.etag;
      if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
      const res = await o.fetcher.fetch(target, { ...rest, headers, signal: options?.signal ?? signal });
      // Validators are kept for conditional URLs only: those are the ones asked again that way.
      if (conditional && res.ok) {
        const etag = res.headers.etag;
        const lastModified = res.headers['last-modified'];
        if (etag || lastModified) memory.recordValidators(target, { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
      }
      return res;
    },
    async fetchOptional(url: string | URL, options?: FetchOptions): Promise<FetchResponse | undefined> {
      try {
        const res = await ctx.fetch(url, options);
        if (res.status === 404 || res.status === 410) {
          ctx.log.debug(`Page gone (HTTP ${res.status})`, { url: res.url });
          return undefined;
        }
        return res;
      } catch (e) {
        if (!(e instanceof DisallowedError)) throw e;
        ctx.log.debug('Page refused (no request sent)', { url: e.url, reason: e.reason });
        return undefined;
      }
    },
    baseUrl,
    config: o.config,
    state: o.state ?? {},
    log: o.log ?? silentLogger,
    signal,
    now: () => new Date(clock.now()),
    once(key: string): boolean {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    known: (externalId) => memory.known(externalId),
    stillListed: (externalId, so) => memory.stillListed(externalId, so),
    isFresh(externalId, changedAt): boolean {
      const read = memory.known(externalId)?.detailFetchedAt?.getTime();
      if (read === undefined || clock.now() - read > memory.maxDetailAgeMs) return false;
      if (changedAt === undefined) return true;
      const changed = changedAt instanceof Date ? changedAt.getTime() : Date.parse(parseDate(changedAt, { now: new Date(clock.now()) }) ?? '');
      return Number.isFinite(changed) && changed <= read;
    },
    markSkipped(externalId: string, reason: string): void {
      memory.markSkipped(String(externalId), String(reason));
    },
    markIncomplete(reason: string): void {
      o.onIncomplete?.(String(reason));
    },
  };
  return ctx;
}

function stripTrailingSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

// '/jobs' -> origin + '/jobs'; 'jobs?page=2' -> baseUrl + '/jobs?page=2'; absolute URLs untouched.
function resolveAgainst(url: string | URL, baseUrl: string): string {
  if (url instanceof URL) return url.href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(url, `${baseUrl}/`).href;
}
