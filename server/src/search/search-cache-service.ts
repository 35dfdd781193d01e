import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hasReadReplica, NotificationListener, SEARCH_CHANGED_CHANNEL } from '@pathfinder/core';
import type { AppContext } from '../app-context.js';
import { SearchCache } from './search-cache.js';
import { ReplicaCatchUp } from './replica-catch-up.js';

export interface SearchCacheOptions {
  /**
   * How long an answer lives while change notifications are known to arrive (default 300 s): the
   * data changing is what ends an answer; this bounds the damage of a notification lost anyway.
   */
  ttlSeconds?: number;
  /**
   * How long an answer lives when notifications cannot be trusted (default 10 s): before the
   * listener has proved itself, after its connection dropped, with `listen: false`, or behind a
   * pooler that swallows them. This is how stale a search may be then.
   */
  fallbackTtlSeconds?: number;
  /** Entries kept, least recently used dropped first (default 1,000: ~500 searches, each under its query and, for anonymous GETs, its URL). */
  maxEntries?: number;
  /**
   * The most the kept answers' JSON bodies may add up to, in characters (≈ bytes), least recently
   * used dropped first (default 16,000,000). Without it 1,000 entries of 100-job pages could hold
   * well over 100 MB. An answer filed under both its URL and its query counts twice.
   */
  maxBytes?: number;
  /** Listen for Postgres notifications of changed jobs and sources (default true). */
  listen?: boolean;
}

declare module '../app-context.js' {
  interface AppServices {
    /**
     * The job search's answer cache; `false` turns it off (the search benchmark measures both).
     *
     * @example
     * buildApp({ config, orm, services: { searchCache: { ttlSeconds: 60, fallbackTtlSeconds: 5 } } });
     */
    searchCache?: SearchCacheOptions | false;
  }
}

export const DEFAULT_SEARCH_CACHE = { ttlSeconds: 300, fallbackTtlSeconds: 10, maxEntries: 1000, maxBytes: 16_000_000 } as const;

/** What an answer weighs against `maxBytes`: its serialised body (the ETag and key are small beside it). */
const answerSize = (answer: unknown) => (answer as { body?: string }).body?.length ?? 0;

/** How long the listener waits for its own test notification before distrusting the channel. */
const PROOF_TIMEOUT_MS = 3000;

interface CacheHolder {
  cache: SearchCache<unknown> | null;
  listener?: NotificationListener;
  /** The payload of the test notification being waited for, and what to do when it arrives. */
  proof?: { token: string; heard: () => void };
  /** With a read replica: clears the cache again once the replica has replayed a change. */
  catchUp?: ReplicaCatchUp;
}

const holders = new WeakMap<AppContext, CacheHolder>();
const ttlOf = (app: FastifyInstance, trusted: boolean) => {
  const options = app.ctx.services.searchCache || {};
  return (trusted ? options.ttlSeconds ?? DEFAULT_SEARCH_CACHE.ttlSeconds : options.fallbackTtlSeconds ?? DEFAULT_SEARCH_CACHE.fallbackTtlSeconds) * 1000;
};

function holderOf(app: FastifyInstance): CacheHolder {
  let holder = holders.get(app.ctx);
  if (!holder) {
    const options = app.ctx.services.searchCache;
    const cache = options === false ? null : new SearchCache<unknown>(ttlOf(app, false), options?.maxEntries ?? DEFAULT_SEARCH_CACHE.maxEntries, Date.now,
      options?.maxBytes ?? DEFAULT_SEARCH_CACHE.maxBytes, answerSize);
    holder = { cache };
    // Searches read the replica, notifications come from the primary: an answer computed between the
    // two would be the replica's older state, so the cache is cleared again when the replica catches up.
    if (cache && hasReadReplica(app.ctx.orm)) {
      holder.catchUp = new ReplicaCatchUp(app.ctx.orm, () => cache.clear(), (error, where) =>
        app.log.warn({ err: error }, `search cache: could not ask the ${where} how far the replica has replayed; answers may be stale until their TTL`));
    }
    holders.set(app.ctx, holder);
  }
  return holder;
}

/**
 * Sends a notification through the ordinary pool and waits for the listener to hear it. Only then
 * are answers kept for the long TTL: a transaction-mode pooler accepts LISTEN but never delivers.
 */
async function proveChannel(app: FastifyInstance, holder: CacheHolder & { cache: SearchCache<unknown> }): Promise<void> {
  const token = `proof:${crypto.randomUUID()}`;
  let timer: NodeJS.Timeout | undefined;
  const heard = new Promise<boolean>((resolve) => {
    holder.proof = { token, heard: () => resolve(true) };
    timer = setTimeout(() => resolve(false), PROOF_TIMEOUT_MS);
    timer.unref();
  });
  try {
    await app.ctx.orm.em.fork().getConnection().execute('select pg_notify(?, ?)', [SEARCH_CHANGED_CHANNEL, token]);
  } catch (error) {
    app.log.warn({ err: error }, 'search cache: could not send the test notification');
  }
  const ok = await heard;
  clearTimeout(timer);
  if (holder.proof?.token !== token) return; // a newer connection is proving itself
  holder.proof = undefined;
  if (ok && holder.listener?.listening) holder.cache.ttlMs = ttlOf(app, true);
  else if (!ok) app.log.warn('search cache: change notifications do not arrive (a transaction-mode pooler?); answers live the fallback TTL');
}

/**
 * Starts listening for changes to `jobs`/`data_sources` the first time the cache is used (an app
 * that never searches opens no extra connection). Each notification clears the cache. Each
 * (re)connection clears it too — notifications may have been missed — and proves the channel before
 * answers get the long TTL; a lost connection sends them back to the fallback TTL.
 */
function listen(app: FastifyInstance, holder: CacheHolder & { cache: SearchCache<unknown> }): void {
  const options = app.ctx.services.searchCache;
  if (holder.listener || (options && options.listen === false)) return;
  const databaseUrl = app.ctx.orm.config.get('clientUrl');
  if (!databaseUrl) return;
  const distrust = () => {
    holder.cache.ttlMs = ttlOf(app, false);
    holder.cache.clear();
    holder.catchUp?.changed();
  };
  holder.listener = new NotificationListener({
    databaseUrl,
    channels: [SEARCH_CHANGED_CHANNEL],
    onNotification: (_channel, payload) => {
      if (payload.startsWith('proof:')) {
        if (holder.proof?.token === payload) holder.proof.heard();
      } else {
        holder.cache.clear();
        holder.catchUp?.changed();
      }
    },
    onConnected: () => {
      distrust();
      void proveChannel(app, holder);
    },
    onError: (error) => {
      distrust();
      app.log.warn({ err: error }, 'search cache: change notifications lost; answers live the fallback TTL until the listener is back');
    },
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
  const holder = holders.get(app.ctx);
  holder?.cache?.clear();
  holder?.catchUp?.changed();
}

/** Closes the change listener with the app (registered once by `buildApp`). */
export function closeSearchCacheOnClose(app: FastifyInstance): void {
  app.addHook('onClose', async () => {
    const holder = holders.get(app.ctx);
    holder?.catchUp?.close();
    await holder?.listener?.close();
  });
}
