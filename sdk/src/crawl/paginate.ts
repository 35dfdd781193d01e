import { FatalSourceError } from '../errors.js';
import type { FetchOptions, FetchResponse } from '../fetch/types.js';
import type { Logger } from '../logger.js';

/** What the `read` function of {@link paginate} makes of one page. */
export interface Page<T> {
  /** The page's items, yielded in order. */
  items: Iterable<T>;
  /** The next page's URL (absolute, or relative to the page's URL); none ends the walk. */
  next?: string | URL;
}

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Pages read at most (a guard against endless "next" chains); default 50. */
  maxPages?: number;
  /** Options of every page's fetch (headers, `conditional`…). */
  fetch?: FetchOptions;
}

/** Default of {@link PaginateOptions.maxPages}. */
export const DEFAULT_MAX_PAGES = 50;

/**
 * Follows "next" links from `start` and yields every item `read` finds, page after page, through
 * `ctx.fetch` (so every page is polite). The walk stops when a page has no `next`, when `next` is
 * a page already read (a loop, or the last page linking to itself), after `maxPages` pages (logged
 * as a warning), or at a page that answers non-2xx: the first page failing throws
 * {@link FatalSourceError} (the listing is gone: the run must not look empty), a later one is
 * logged as a warning and ends the walk with what was read.
 *
 * @example
 * ```ts
 * for await (const card of paginate(ctx, `${ctx.baseUrl}/jobs`, (res) => ({
 *   items: Array.from(res.document.querySelectorAll('div.job-card')),
 *   next: res.document.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined,
 * }))) {
 *   yield cardToPosting(card);
 * }
 * ```
 */
export async function* paginate<T>(
  ctx: { fetch(url: string | URL, options?: FetchOptions): Promise<FetchResponse>; log?: Logger },
  start: string | URL,
  read: (res: FetchResponse, pageIndex: number) => Page<T> | Promise<Page<T>>,
  o: PaginateOptions = {},
): AsyncGenerator<T> {
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const visited = new Set<string>();
  let url: string | undefined = String(start);
  for (let page = 0; url !== undefined; page++) {
    if (page >= maxPages) {
      ctx.log?.warn(`Stopped after ${maxPages} pages`, { next: url });
      return;
    }
    visited.add(withoutHash(url));
    const res = await ctx.fetch(url, o.fetch);
    if (!res.ok) {
      if (page === 0) throw new FatalSourceError(`The first page answered HTTP ${res.status}`, { url: res.url });
      ctx.log?.warn(`Page ${page + 1} answered HTTP ${res.status}; stopping`, { url: res.url });
      return;
    }
    const { items, next } = await read(res, page);
    yield* items;
    url = next === undefined || next === '' ? undefined : new URL(String(next), res.url).href;
    // Compared both as written and as the page's own URL reports it (a mirror maps one to the other).
    if (url !== undefined && (visited.has(withoutHash(url)) || withoutHash(url) === withoutHash(res.url))) return;
    visited.add(withoutHash(res.url));
  }
}

function withoutHash(u: string): string {
  const i = u.indexOf('#');
  return i < 0 ? u : u.slice(0, i);
}
