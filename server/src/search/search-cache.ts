import type { FastifyInstance } from 'fastify';
import { NotificationListener, SEARCH_CHANGED_CHANNEL } from '@pathfinder/core';
import type { AppContext } from '../app-context.js';

export interface SearchCacheOptions {
  /**
   * How long an answer is reused at most (default 30 s). Changes normally clear the cache sooner
   * (see `listen`); the age limit bounds staleness when notifications cannot arrive.
   */
  ttlSeconds?: number;
  /** Answers kept, least recently used dropped first (default 500, a few MB). */
  maxEntries?: number;
  /**
   * Listen for Postgres notifications of changed jobs and sources and clear the cache on each
   * (default true). Off, a change shows up once the answers that predate it expire.
   */
  listen?: boolean;
}

declare module '../app-context.js' {
  interface AppServices {
    /**
     * The job search's answer cache; `false` turns it off (the search benchmark measures both).
     *
     * @example
     * buildApp({ config, orm, services: { searchCache: { ttlSeconds: 30 } } });
     */
    searchCache?: SearchCacheOptions | false;
  }
}

export const DEFAULT_SEARCH_CACHE = { ttlSeconds: 30, maxEntries: 500 } as const;

/**
 * A small LRU of promised answers with a time to live. Identical searches arriving together share
 * one query (the promise is stored before it settles); a failed query is forgotten at once.
 *
 * Why a cache at all: a broad search (`q=engineer&province=ON` matches ~19,000 of 200,000 jobs)
 * must visit every match to rank it and to count the total and facets, ~50–100 ms of heap reads,
 * whatever the indexes. The same few searches (the landing page, popular words) make most of the
 * traffic, so reusing an answer turns them into memory reads. An answer lives until the data under
 * it changes: writes through this API clear the cache (`invalidateSearchCache`), and every other
 * write — a crawl in a worker process, an archive run, a psql session — reaches each API process as
 * a Postgres notification (statement triggers on `jobs` and `data_sources`) that clears it too.
 * The TTL is the safety net for when notifications are lost (a dropped connection, a pooler that
 * does not pass LISTEN through).
 *
 * Entries are stored when their computation starts, so `clear()` during a computation also drops
 * its answer: a search that began before a change is never kept after hearing of it.
 */
export class SearchCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key`, or `compute()`'s (stored until it expires or is evicted). */
  getOrCompute(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const t = this.now();
    if (hit && hit.expires > t) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    if (hit) this.entries.delete(key);
    const value = compute();
    const entry = { value, expires: t + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** The answer stored under `key` if it is still fresh (settled or not), without computing anything. */
  peek(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit.value : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

interface CacheHolder {
  cache: SearchCache<unknown> | null;
  listener?: NotificationListener;
}

const holders = new WeakMap<AppContext, CacheHolder>();

function holderOf(app: FastifyInstance): CacheHolder {
  let holder = holders.get(app.ctx);
  if (!holder) {
    const options = app.ctx.services.searchCache;
    holder = {
      cache: options === false ? null : new SearchCache<unknown>(
        (options?.ttlSeconds ?? DEFAULT_SEARCH_CACHE.ttlSeconds) * 1000,
        options?.maxEntries ?? DEFAULT_SEARCH_CACHE.maxEntries,
      ),
    };
    holders.set(app.ctx, holder);
  }
  return holder;
}

/**
 * Starts listening for changes to `jobs`/`data_sources` the first time the cache is used (an app
 * that never searches opens no extra connection). Each notification, and each (re)connection — when
 * notifications may have been missed — clears the cache.
 */
function listen(app: FastifyInstance, holder: CacheHolder & { cache: SearchCache<unknown> }): void {
  const options = app.ctx.services.searchCache;
  if (holder.listener || (options && options.listen === false)) return;
  const databaseUrl = app.ctx.orm.config.get('clientUrl');
  if (!databaseUrl) return;
  const clear = () => holder.cache.clear();
  holder.listener = new NotificationListener({
    databaseUrl,
    channels: [SEARCH_CHANGED_CHANNEL],
    onNotification: clear,
    onConnected: clear,
    onError: (error) => app.log.warn({ err: error }, 'search cache: change notifications lost; cached answers now expire by age only'),
  });
  void holder.listener.start();
}

/** The app's search cache (created on first use from `services.searchCache`), or undefined when turned off. */
export function searchCacheOf<T>(app: FastifyInstance): SearchCache<T> | undefined {
  const holder = holderOf(app);
  if (!holder.cache) return undefined;
  listen(app, holder as CacheHolder & { cache: SearchCache<unknown> });
  return holder.cache as SearchCache<T>;
}

/** Forgets every cached search: call after a write that changes what searches return. */
export function invalidateSearchCache(app: FastifyInstance): void {
  holders.get(app.ctx)?.cache?.clear();
}

/** Closes the change listener with the app (registered once by `buildApp`). */
export function closeSearchCacheOnClose(app: FastifyInstance): void {
  app.addHook('onClose', async () => {
    const holder = holders.get(app.ctx);
    await holder?.listener?.close();
  });
}
