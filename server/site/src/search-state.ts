import type { JobSearchResult } from '@pathfinder/sdk/client';

/** The search as the URL holds it: every filter, so a search can be shared and Back restores it. */
export interface SearchState {
  q: string;
  jobType: string[];
  province: string[];
  locationType: string[];
  term: string[];
  source: string[];
  withPay: boolean;
  remoteCanada: boolean;
  deadlineAfter: string;
  sort: '' | 'relevance' | 'newest' | 'deadline';
}

export const LIST_KEYS = ['jobType', 'province', 'locationType', 'term', 'source'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export function readSearch(params: URLSearchParams): SearchState {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    jobType: params.getAll('jobType'),
    province: params.getAll('province'),
    locationType: params.getAll('locationType'),
    term: params.getAll('term'),
    source: params.getAll('source'),
    withPay: params.get('withPay') === 'true',
    remoteCanada: params.get('remoteCanada') === 'true',
    deadlineAfter: params.get('deadlineAfter') ?? '',
    sort: sort === 'relevance' || sort === 'newest' || sort === 'deadline' ? sort : '',
  };
}

export function writeSearch(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q.trim());
  for (const key of LIST_KEYS) for (const v of s[key]) p.append(key, v);
  if (s.withPay) p.set('withPay', 'true');
  if (s.remoteCanada) p.set('remoteCanada', 'true');
  if (s.deadlineAfter) p.set('deadlineAfter', s.deadlineAfter);
  if (s.sort) p.set('sort', s.sort);
  return p;
}

/** Results a page (the server's search preload asks for the same: server/src/site/search-preload.ts). */
export const SEARCH_PAGE_SIZE = 20;

/** The API query for a state (and a cursor for the next page). */
export function apiQuery(s: SearchState, cursor?: string) {
  return {
    ...(s.q.trim() ? { q: s.q.trim() } : {}),
    ...(s.jobType.length ? { jobType: s.jobType as ('coop' | 'internship' | 'new_grad')[] } : {}),
    ...(s.province.length ? { province: s.province as ('AB' | 'BC' | 'MB' | 'NB' | 'NL' | 'NS' | 'NT' | 'NU' | 'ON' | 'PE' | 'QC' | 'SK' | 'YT')[] } : {}),
    ...(s.locationType.length ? { locationType: s.locationType as ('remote' | 'hybrid' | 'onsite')[] } : {}),
    ...(s.term.length ? { term: s.term as ('summer' | 'fall' | 'winter' | 'year_round')[] } : {}),
    ...(s.source.length ? { source: s.source } : {}),
    ...(s.withPay ? { withPay: true } : {}),
    ...(s.remoteCanada ? { remoteCanada: true } : {}),
    ...(s.deadlineAfter ? { deadlineAfter: s.deadlineAfter } : {}),
    ...(s.sort ? { sort: s.sort } : {}),
    ...(cursor ? { cursor } : {}),
    limit: SEARCH_PAGE_SIZE,
  };
}

/**
 * Results already shown, by URL: going Back to a search shows the same pages (the ones loaded with
 * "Load more" too) at once, instead of starting again from page one.
 */
export const resultsCache = new Map<string, JobSearchResult>();
