import { createHash } from 'node:crypto';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Characters that join a word rather than split it: co-op = coop, L'Oréal = loreal, Sr. = sr.
const JOINERS = /['’‘`´.\-\u2010\u2011\u00ad]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
// Legal-form suffixes: "Shopify Inc." and "Shopify" are the same employer.
const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'ltee', 'llc', 'llp', 'lp', 'ulc', 'corp', 'corporation', 'plc', 'gmbh',
]);

/**
 * Folds one part of the dedupe key: accents removed (NFKD), lower-cased, `&` read as "and",
 * hyphens/apostrophes/dots dropped, any other punctuation and whitespace made one space, trimmed.
 *
 * @example foldKeyPart('  Société  Générale — R&D ') // 'societe generale r and d'
 */
export function foldKeyPart(s: string): string {
  return s
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(JOINERS, '')
    .replace(NOT_WORD, ' ')
    .trim();
}

/**
 * The employer part of the dedupe key, also stored as `jobs.company_key` (at most 200 characters):
 * what the clustering stage compares first to find a job's copies at other sources.
 *
 * @example companyKey('The Acme Co-op Inc.') // 'acme coop'
 */
export function companyKey(companyName: string): string {
  return foldCompany(companyName).slice(0, 200);
}

function foldCompany(s: string): string {
  const words = foldKeyPart(s).split(' ');
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/**
 * The readable string behind {@link dedupeHash}: `company|title|location`, each part folded
 * (see {@link foldKeyPart}); the company also loses a leading "The" and trailing legal forms (Inc., Ltd.…).
 *
 * @example dedupeKey('Acme Inc.', ' Data  Analyst ', 'Montréal') // 'acme|data analyst|montreal'
 */
export function dedupeKey(companyName: string, title: string, location: string): string {
  return `${foldCompany(companyName)}|${foldKeyPart(title)}|${foldKeyPart(location)}`;
}

/**
 * SHA-256 (hex) of {@link dedupeKey}: the same job seen on two boards, or with different spacing,
 * case, accents or punctuation, gets the same hash. `location` is the city, else the province, else
 * `'remote'` (see {@link dedupeLocation}).
 *
 * @example dedupeHash('ACME', 'Data Analyst', 'Toronto') === dedupeHash('Acme Inc.', 'data  analyst', 'TORONTO') // true
 */
export function dedupeHash(companyName: string, title: string, location: string): string {
  return createHash('sha256').update(dedupeKey(companyName, title, location)).digest('hex');
}

/** The location part of the dedupe key, as the seed defines it: city, else province, else `'remote'`. */
export function dedupeLocation(job: { city?: string; province?: string }): string {
  return job.city || job.province || 'remote';
}

/**
 * The stored fields whose change makes a job `updated` rather than `unchanged`, in hashing order.
 * Bookkeeping (ids, timestamps, `lastScrapedAt`, the hashes themselves) is left out on purpose.
 */
export const CONTENT_FIELDS = [
  'title', 'companyName', 'originalUrl', 'externalId', 'description', 'descriptionHtml', 'jobType', 'term',
  'locationType', 'city', 'province', 'remoteCanada', 'withPay', 'salaryMin', 'salaryMax', 'salaryPeriod',
  'applicationDeadline', 'datePosted', 'academicCreditRequired', 'minimumGpa', 'requiredMajors', 'requiredSkills',
] as const;

/** One of {@link CONTENT_FIELDS}. */
export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * SHA-256 (hex) over a stable JSON of the job's {@link CONTENT_FIELDS} (fixed order, missing = null),
 * so key order and absent-vs-undefined never change the hash, and any content change does.
 *
 * @example contentHash({ title: 'A', companyName: 'B' }) === contentHash({ companyName: 'B', title: 'A', city: undefined }) // true
 */
export function contentHash(job: Partial<Record<ContentField, unknown>>): string {
  const values = new Array<unknown>(CONTENT_FIELDS.length);
  for (let i = 0; i < CONTENT_FIELDS.length; i++) values[i] = job[CONTENT_FIELDS[i]] ?? null;
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}
