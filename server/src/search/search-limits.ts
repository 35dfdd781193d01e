import type { FastifyInstance } from 'fastify';
import { DEFAULT_PHRASE_TOTAL_CAP, DEFAULT_RANK_WINDOW, DEFAULT_TOTAL_CAP } from './build-search-sql.js';
import type { SearchRunOptions } from './run-job-search.js';

/** Bounds on the work of one uncached search (see `build-search-sql.ts` and docs/api.md). */
export interface SearchLimits {
  /** Matches counted exactly (default 500): past it `total` is this number with `totalIsExact: false`. */
  totalCap?: number;
  /** The cap of a search with a quoted phrase (default 100; never above `totalCap`). */
  phraseTotalCap?: number;
  /** Newest matches a relevance search ranks when it has more than `totalCap` (default 100). */
  rankWindow?: number;
}

declare module '../app-context.js' {
  interface AppServices {
    /**
     * Bounds on the work of one search. Tests set small ones so they need not insert thousands of jobs.
     *
     * @example
     * buildApp({ config, orm, services: { searchLimits: { totalCap: 5, phraseTotalCap: 2, rankWindow: 3 } } });
     */
    searchLimits?: SearchLimits;
  }
}

const whole = (n: number | undefined, fallback: number) => (n !== undefined && Number.isSafeInteger(n) && n >= 1 ? n : fallback);

/** The app's search limits, defaults filled in. */
export function searchLimitsOf(app: FastifyInstance): Required<Omit<SearchRunOptions, 'from'>> {
  const limits = app.ctx.services.searchLimits ?? {};
  return {
    totalCap: whole(limits.totalCap, DEFAULT_TOTAL_CAP),
    phraseTotalCap: whole(limits.phraseTotalCap, DEFAULT_PHRASE_TOTAL_CAP),
    rankWindow: whole(limits.rankWindow, DEFAULT_RANK_WINDOW),
  };
}
