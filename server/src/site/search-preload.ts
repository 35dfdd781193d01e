/**
 * The API request the search page will make first, computed from the page's own URL so the HTML
 * can tell the browser to start it (`<link rel="preload" as="fetch">`) while the script is still
 * loading: the search and the JavaScript then arrive side by side instead of one after the other.
 *
 * It must spell the query exactly as the site's `writeSearch` does (server/site/src/search-state.ts),
 * plus the page size; the site uses a preload only when its own href is identical, so a mismatch
 * costs the head start, never a wrong result.
 */
const LIST_KEYS = ['jobType', 'province', 'locationType', 'term', 'source'] as const;
const SORTS = new Set(['relevance', 'newest', 'deadline']);
/** The site's page size (apiQuery's `limit`). */
export const SEARCH_PAGE_SIZE = 20;

/**
 * @example
 * searchPreloadHref(new URLSearchParams('province=ON&q=+data+')) // '/api/v1/jobs?q=data&province=ON&limit=20'
 */
export function searchPreloadHref(page: URLSearchParams): string {
  const p = new URLSearchParams();
  const q = (page.get('q') ?? '').trim();
  if (q) p.set('q', q);
  for (const key of LIST_KEYS) for (const v of page.getAll(key)) p.append(key, v);
  if (page.get('withPay') === 'true') p.set('withPay', 'true');
  if (page.get('remoteCanada') === 'true') p.set('remoteCanada', 'true');
  const deadlineAfter = page.get('deadlineAfter');
  if (deadlineAfter) p.set('deadlineAfter', deadlineAfter);
  const sort = page.get('sort');
  if (sort && SORTS.has(sort)) p.set('sort', sort);
  p.set('limit', String(SEARCH_PAGE_SIZE));
  return `/api/v1/jobs?${p.toString()}`;
}

/** The job page's one API request. */
export const jobPreloadHref = (id: string) => `/api/v1/jobs/${encodeURIComponent(id)}`;
