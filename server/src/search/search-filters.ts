import { Type, type Static, type TSchema } from 'typebox';
import { JOB_TYPES, LOCATION_TYPES, PROVINCE_CODES, TERMS } from '@pathfinder/sdk';

/** The orders a search can come back in; `relevance` needs `q`. */
export const SEARCH_SORTS = ['relevance', 'newest', 'deadline'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Longest `q` accepted: longer text is a 400 (ranking a page of prose helps nobody and costs the database). */
export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

// A calendar date or a date-time; checked for real calendar values in `parseDateFilter`.
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$';
const isoDate = (description: string) => Type.String({ pattern: ISO_DATE, maxLength: 40, description });
const list = <T extends TSchema>(item: T, maxItems: number, description: string) =>
  Type.Array(item, { maxItems, description });
const freeText = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/**
 * The job search's filters, shared by `GET /jobs` (query string; repeat a key for several values:
 * `?province=ON&province=QC`) and `POST /jobs/search` (the same names in a JSON body).
 */
export const JobSearchFilters = Type.Object(
  {
    q: Type.Optional(Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description: 'Full-text search in title, company and description, web-search syntax: `"exact phrase"`, `or`, `-exclude`.',
    })),
    jobType: Type.Optional(list(Type.Enum(JOB_TYPES), JOB_TYPES.length, 'Any of these job types.')),
    term: Type.Optional(list(Type.Enum(TERMS), TERMS.length, 'Any of these terms.')),
    locationType: Type.Optional(list(Type.Enum(LOCATION_TYPES), LOCATION_TYPES.length, 'Any of these location types.')),
    province: Type.Optional(list(Type.Enum(PROVINCE_CODES), PROVINCE_CODES.length, 'Any of these provinces (two-letter codes).')),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'The city, any letter case.' })),
    source: Type.Optional(list(freeText(64), 50, 'Any of these sources: plugin ids (`civicjobs`) or source ids.')),
    withPay: Type.Optional(Type.Boolean({ description: 'Paid (true) or unpaid (false) roles only.' })),
    deadlineAfter: Type.Optional(isoDate('Jobs still open at this date: deadline on or after it, or no deadline.')),
    postedAfter: Type.Optional(isoDate('Jobs posted on or after this date.')),
    majors: Type.Optional(list(freeText(200), 20, 'Jobs asking for any of these majors (any letter case).')),
    skills: Type.Optional(list(freeText(200), 20, 'Jobs asking for any of these skills (any letter case).')),
    remoteCanada: Type.Optional(Type.Boolean({ description: 'Remote roles open anywhere in Canada.' })),
    sort: Type.Optional(Type.Enum(SEARCH_SORTS, {
      description: '`relevance` (needs `q`; the default when `q` is given), `newest` (the default otherwise) or `deadline` (soonest first).',
    })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'The `nextCursor` of the previous page.' })),
    includeArchived: Type.Optional(Type.Boolean({ description: 'Admins only: include archived jobs.' })),
  },
  { additionalProperties: false },
);
export type JobSearchFilters = Static<typeof JobSearchFilters>;

/** Removes control characters (a NUL cannot even be sent to Postgres) and trims. */
export function cleanText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return cleaned === '' ? undefined : cleaned;
}

/** Years a date filter may name (the UTC instant as well as the text). */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/** Parses a date filter; `undefined` when the text is not a real calendar date (Feb 30th). */
export function parseDateFilter(value: string): Date | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return undefined;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  // Date silently rolls Feb 30th into March: compare the day we asked for with the one we got.
  const check = dateOnly ? date : new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  // The offset can carry the instant over a year boundary (9999-12-31T23:59-14:00 is year 10000 in
  // UTC, which the driver prints in a form Postgres refuses): check the instant, not only the text.
  const year = date.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return date;
}
