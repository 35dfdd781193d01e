import { systemClock, type Clock } from './fetch/clock.js';
import type { PoliteFetcher } from './fetch/polite-fetcher.js';
import type { FetchOptions, FetchResponse } from './fetch/types.js';
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
  return {
    fetch(url: string | URL, options?: FetchOptions): Promise<FetchResponse> {
      return o.fetcher.fetch(resolveAgainst(url, baseUrl), { ...options, signal: options?.signal ?? signal });
    },
    baseUrl,
    config: o.config,
    state: o.state ?? {},
    log: o.log ?? silentLogger,
    signal,
    now: () => new Date(clock.now()),
    markIncomplete(reason: string): void {
      o.onIncomplete?.(String(reason));
    },
  };
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
