import type { FastifyInstance } from 'fastify';
import pLimit, { type LimitFunction } from 'p-limit';
import type { AppContext } from '../app-context.js';

/**
 * How many uncached searches run in Postgres at once (PATHFINDER_SEARCH_CONCURRENCY, twice the CPUs
 * by default); the others wait in the process, first come first served. A search is CPU work in
 * Postgres: past about two per core they only share the cores more thinly, each one's time grows
 * with the number running, and the slowest (a phrase, a broad word) pay most. Measured on 2 cores,
 * 200,000 jobs, 10 clients cycling 60 uncached searches, with at most 10, 4, 3 and 2 running at once:
 * 106, 130, 126 and 119 req/s, p95 176, 124, 118 and 123 ms (`bench:search` with this gate at its
 * default of 4: p95 172 -> 96-118 ms). Writes, sign-in and admin screens are not
 * queued behind searches: only `runJobSearch` takes a slot. `p-limit` rather than a hand-written
 * queue: a small, widely used package made for exactly this.
 */
const slots = new WeakMap<AppContext, LimitFunction>();

/** Runs `search` when one of the app's search slots is free. */
export function inSearchSlot<T>(app: FastifyInstance, search: () => Promise<T>): Promise<T> {
  let limit = slots.get(app.ctx);
  if (!limit) {
    limit = pLimit(app.ctx.config.searchConcurrency);
    slots.set(app.ctx, limit);
  }
  return limit(search);
}
