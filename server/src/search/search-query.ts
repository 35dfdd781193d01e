import { ApiError } from '../http/api-error.js';
import { decodeCursor, type SearchCursor } from './search-cursor.js';
import { DEFAULT_LIMIT, MAX_LIMIT, cleanText, parseDateFilter, type JobSearchFilters, type SearchSort } from './search-filters.js';

/** A search request after checking: what the SQL builder turns into one statement. */
export interface SearchQuery {
  q?: string;
  jobType?: string[];
  term?: string[];
  locationType?: string[];
  province?: string[];
  city?: string;
  source?: string[];
  withPay?: boolean;
  deadlineAfter?: Date;
  postedAfter?: Date;
  majors?: string[];
  skills?: string[];
  remoteCanada?: boolean;
  sort: SearchSort;
  limit: number;
  cursor?: SearchCursor;
  includeArchived: boolean;
}

const uniqueList = (values: readonly unknown[] | undefined, fold = false): string[] | undefined => {
  if (!values) return undefined;
  const cleaned = values.map((v) => cleanText(String(v))).filter((v): v is string => v !== undefined).map((v) => (fold ? v.toLowerCase() : v));
  // Sorted too: the same filters in another order are the same search (and the same cache entry).
  return cleaned.length ? [...new Set(cleaned)].sort() : undefined;
};

function dateFilter(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = parseDateFilter(value);
  if (!date) throw ApiError.badRequest(`${name} is not a real date: "${value}"`);
  return date;
}

/** The page size; the schema's range check lets a coerced `Infinity` through (ajv skips bounds on non-finite numbers). */
function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw ApiError.badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return limit;
}

/**
 * Checks a search request beyond its schema — the sort against `q`, the cursor, the dates, who may see
 * archived jobs — and normalises it (control characters out, empty values dropped, lists de-duplicated).
 *
 * @throws ApiError 400 on a bad combination or cursor; 401/403 when an anonymous caller/a non-admin asks for archived jobs.
 */
export function toSearchQuery(filters: JobSearchFilters, viewer: { isAdmin: boolean; signedIn?: boolean }): SearchQuery {
  const q = cleanText(filters.q);
  const sort: SearchSort = filters.sort ?? (q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q) throw ApiError.badRequest('sort=relevance needs a search text in q.');
  if (filters.includeArchived && !viewer.isAdmin) {
    throw viewer.signedIn ? ApiError.forbidden('Only admins can include archived jobs.') : ApiError.unauthenticated('Sign in as an admin to include archived jobs.');
  }
  return {
    q,
    jobType: uniqueList(filters.jobType),
    term: uniqueList(filters.term),
    locationType: uniqueList(filters.locationType),
    province: uniqueList(filters.province),
    city: cleanText(filters.city)?.toLowerCase(),
    source: uniqueList(filters.source),
    withPay: filters.withPay,
    deadlineAfter: dateFilter('deadlineAfter', filters.deadlineAfter),
    postedAfter: dateFilter('postedAfter', filters.postedAfter),
    majors: uniqueList(filters.majors, true),
    skills: uniqueList(filters.skills, true),
    remoteCanada: filters.remoteCanada,
    sort,
    limit: pageLimit(filters.limit),
    cursor: filters.cursor ? decodeCursor(filters.cursor, sort) : undefined,
    includeArchived: filters.includeArchived === true,
  };
}
