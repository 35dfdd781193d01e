import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';

export interface SearchCacheOptions {
  /** How long an answer is reused (default 10 s): how stale a repeated search may be. */
  ttlSeconds?: number;
  /** Answers kept, least recently used dropped first (default 500, a few MB). */
  maxEntries?: number;
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

export const DEFAULT_SEARCH_CACHE = { ttlSeconds: 10, maxEntries: 500 } as const;

/**
 * A small LRU of promised answers with a time to live. Identical searches arriving together share
 * one query (the promise is stored before it settles); a failed query is forgotten at once.
 *
 * Why a cache at all: a broad search (`q=engineer&province=ON` matches ~19,000 of 200,000 jobs)
 * must visit every match to rank it and to count the total and facets, ~50–100 ms of heap reads,
 * whatever the indexes. The same few searches (the landing page, popular words) make most of the
 * traffic, so reusing an answer for a few seconds turns them into memory reads. Writes through this
 * API clear it (`invalidateSearchCache`); crawls in worker processes show up within the TTL.
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

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<AppContext, SearchCache<unknown> | null>();

/** The app's search cache (created on first use from `services.searchCache`), or undefined when turned off. */
export function searchCacheOf<T>(app: FastifyInstance): SearchCache<T> | undefined {
  let cache = caches.get(app.ctx);
  if (cache === undefined) {
    const options = app.ctx.services.searchCache;
    cache = options === false ? null : new SearchCache<unknown>(
      (options?.ttlSeconds ?? DEFAULT_SEARCH_CACHE.ttlSeconds) * 1000,
      options?.maxEntries ?? DEFAULT_SEARCH_CACHE.maxEntries,
    );
    caches.set(app.ctx, cache);
  }
  return (cache ?? undefined) as SearchCache<T> | undefined;
}

/** Forgets every cached search: call after a write that changes what searches return. */
export function invalidateSearchCache(app: FastifyInstance): void {
  caches.get(app.ctx)?.clear();
}
