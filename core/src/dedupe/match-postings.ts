import { foldKeyPart } from '../pipeline/dedupe-hash.js';
import { containment, jaccard } from './similarity.js';
import { companyInitials, companyTokens, guessLanguage, shingles, titleTokens } from './tokens.js';

/**
 * What the matcher reads of a posting: the SDK's JobPosting fields it compares, plus the source
 * it came from. Every field but the title and the employer is optional.
 */
export interface MatchablePosting {
  title: string;
  companyName: string;
  source?: string;
  originalUrl?: string;
  description?: string;
  city?: string;
  province?: string;
  locationType?: string;
  remoteCanada?: boolean;
  term?: string;
  jobType?: string;
  applicationDeadline?: string;
  salaryMin?: number;
  salaryMax?: number;
  salaryPeriod?: string;
}

/** One feature's value in [0, 1] and its weight in the score; `undefined` when a posting lacks what it needs. */
export interface MatchFeatures {
  title: number;
  company: number;
  location: number;
  description?: number;
  deadline?: number;
  salary?: number;
}

/** Why a pair can never be one job, whatever its score. */
export type MatchVeto = 'different-employer' | 'different-place' | 'different-term' | 'different-level' | 'different-deadline' | 'different-pay' | 'same-source';

/** The matcher's verdict on a pair: its score, the features behind it, and the veto if one applied. */
export interface MatchResult {
  score: number;
  same: boolean;
  features: MatchFeatures;
  veto?: MatchVeto;
}

/** The score from which two postings are one job (chosen on the repository's labelled pairs; see `npm run bench:dedupe`). */
export const DEFAULT_MATCH_THRESHOLD = 0.72;

const WEIGHTS: Record<keyof MatchFeatures, number> = { title: 3, company: 2, location: 1, description: 2, deadline: 1, salary: 1 };
const DAY_MS = 86_400_000;
// Descriptions shorter than this say too little ("See website") to count either way.
const MIN_DESCRIPTION = 120;

/** Below this employer similarity two postings are never one job (the `different-employer` veto). */
export const SAME_EMPLOYER_MIN = 0.6;

/**
 * Employer similarity: equal names, one name inside the other ("Shopify" / "Shopify Canada"), or an
 * acronym ("RBC" / "Royal Bank of Canada", "WWF-Canada" / "World Wildlife Fund Canada").
 */
export function companySimilarity(a: string, b: string): number {
  const ta = companyTokens(a);
  const tb = companyTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const sa = new Set(ta);
  const sb = new Set(tb);
  if (jaccard(sa, sb) === 1 || ta.join('') === tb.join('')) return 1;
  if (isAcronymOf(ta, b) || isAcronymOf(tb, a)) return 0.9;
  // "RBC Royal Bank" vs "Royal Bank of Canada": most of the shorter name is in the longer one.
  return Math.max(jaccard(sa, sb), 0.85 * containment(sa, sb));
}

// "canada" is left out on both sides: "WWF Canada" is the WWF of "World Wildlife Fund Canada".
function isAcronymOf(short: string[], longName: string): boolean {
  const letters = short.filter((w) => w !== 'canada');
  if (letters.length !== 1 || letters[0].length < 2) return false;
  return companyInitials(longName).has(letters[0]) || companyInitials(longName.replace(/\bCanada\b/gi, '')).has(letters[0]);
}

/** Title similarity on what the job is (season and year words apart): the mean of Jaccard and containment. */
export function titleSimilarity(a: string, b: string): number {
  const ta = titleTokens(a).words;
  const tb = titleTokens(b).words;
  return (jaccard(ta, tb) + containment(ta, tb)) / 2;
}

function isRemote(p: MatchablePosting): boolean {
  return p.locationType === 'remote' || p.remoteCanada === true;
}

/** 1 for the same city (or both remote), 0.7 when one names only the province the other's city is in, 0 for different places. */
export function locationSimilarity(a: MatchablePosting, b: MatchablePosting): number {
  if (isRemote(a) && isRemote(b)) return 1;
  const ca = a.city ? foldKeyPart(a.city) : '';
  const cb = b.city ? foldKeyPart(b.city) : '';
  if (ca && cb) return ca === cb && (!a.province || !b.province || a.province === b.province) ? 1 : 0;
  if (a.province && b.province) return a.province === b.province ? 0.7 : 0;
  // One remote, the other placed; or nothing known on one side: weak evidence.
  return isRemote(a) !== isRemote(b) && (ca || cb) ? 0.3 : 0.5;
}

// The terms a posting names, in its term field or its title: "Co-op (Fall 2027)" names fall.
function seasonsOf(p: MatchablePosting): Set<string> {
  const seasons = new Set(titleTokens(p.title).seasons);
  if (p.term && p.term !== 'year_round') seasons.add(p.term);
  return seasons;
}

function seasonsConflict(a: MatchablePosting, b: MatchablePosting): boolean {
  const differ = <T>(x: Set<T>, y: Set<T>) => x.size > 0 && y.size > 0 && jaccard(x, y) === 0;
  return differ(seasonsOf(a), seasonsOf(b)) || differ(titleTokens(a.title).years, titleTokens(b.title).years);
}

const STUDENT_WORDS = ['intern', 'student', 'coop'];
const GRADUATE_WORDS = ['graduate'];

// A co-op and an internship are often one job labelled two ways by two boards; a student role and a
// new-graduate role at one employer are two jobs.
function levelsConflict(a: MatchablePosting, b: MatchablePosting): boolean {
  const level = (p: MatchablePosting) => {
    if (p.jobType === 'new_grad') return 'graduate';
    const words = titleTokens(p.title).words;
    if (GRADUATE_WORDS.some((w) => words.has(w))) return 'graduate';
    if (p.jobType || STUDENT_WORDS.some((w) => words.has(w))) return 'student';
    return undefined;
  };
  const la = level(a);
  const lb = level(b);
  return la !== undefined && lb !== undefined && la !== lb;
}

function deadlineSimilarity(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
  if (!Number.isFinite(days)) return undefined;
  if (days < 1.5) return 1;
  if (days <= 7) return 0.6;
  return 0;
}

const HOURS_A_YEAR = 1950;

function yearly(value: number, period?: string): number {
  return period === 'hour' ? value * HOURS_A_YEAR : value;
}

function salarySimilarity(a: MatchablePosting, b: MatchablePosting): number | undefined {
  const range = (p: MatchablePosting) => {
    const lo = p.salaryMin ?? p.salaryMax;
    const hi = p.salaryMax ?? p.salaryMin;
    return lo === undefined || hi === undefined ? undefined : [yearly(lo, p.salaryPeriod), yearly(hi, p.salaryPeriod)] as const;
  };
  const ra = range(a);
  const rb = range(b);
  if (!ra || !rb) return undefined;
  // Overlapping ranges agree; otherwise the gap relative to the larger figure decides.
  if (ra[0] <= rb[1] * 1.02 && rb[0] <= ra[1] * 1.02) return 1;
  const gap = Math.max(ra[0], rb[0]) - Math.min(ra[1], rb[1]);
  return Math.max(0, 1 - gap / (0.1 * Math.max(ra[1], rb[1])));
}

function descriptionSimilarity(a?: string, b?: string): number | undefined {
  if (!a || !b || a.length < MIN_DESCRIPTION || b.length < MIN_DESCRIPTION) return undefined;
  const la = guessLanguage(a);
  const lb = guessLanguage(b);
  // An English and a French text share no shingles whether or not they are one job: no evidence.
  if (la && lb && la !== lb) return undefined;
  const sa = shingles(a);
  const sb = shingles(b);
  // Boards wrap a description in their own header and footer: containment forgives that, Jaccard does not.
  return Math.max(jaccard(sa, sb), 0.9 * containment(sa, sb));
}

/**
 * Compares two postings the way a person would: employer, title, place, term, deadline, pay and
 * description. Returns the score (a weighted mean of the features both postings have), whether it
 * reaches `threshold`, the features, and the veto that rules a pair out whatever its score
 * (two employers, two places, two terms or deadlines weeks apart, pay that cannot be the same).
 *
 * @example
 * matchPostings(
 *   { title: 'Software Developer Co-op (Summer 2027)', companyName: 'Acme Inc.', city: 'Toronto' },
 *   { title: 'Co-op Software Developer', companyName: 'ACME', city: 'Toronto', province: 'ON' },
 * ).same // true
 */
export function matchPostings(a: MatchablePosting, b: MatchablePosting, threshold = DEFAULT_MATCH_THRESHOLD): MatchResult {
  const features: MatchFeatures = {
    title: titleSimilarity(a.title, b.title),
    company: companySimilarity(a.companyName, b.companyName),
    location: locationSimilarity(a, b),
    description: descriptionSimilarity(a.description, b.description),
    deadline: deadlineSimilarity(a.applicationDeadline, b.applicationDeadline),
    salary: salarySimilarity(a, b),
  };
  let weighted = 0;
  let total = 0;
  for (const key of Object.keys(WEIGHTS) as (keyof MatchFeatures)[]) {
    const value = features[key];
    if (value === undefined) continue;
    weighted += WEIGHTS[key] * value;
    total += WEIGHTS[key];
  }
  const score = Math.round((weighted / total) * 1000) / 1000;
  const veto = vetoOf(a, b, features);
  return { score, same: !veto && score >= threshold, features, ...(veto ? { veto } : {}) };
}

function vetoOf(a: MatchablePosting, b: MatchablePosting, f: MatchFeatures): MatchVeto | undefined {
  if (f.company < SAME_EMPLOYER_MIN) return 'different-employer';
  if (f.location === 0) return 'different-place';
  if (seasonsConflict(a, b)) return 'different-term';
  if (levelsConflict(a, b)) return 'different-level';
  if (f.deadline === 0) return 'different-deadline';
  if (f.salary === 0) return 'different-pay';
  // One board does not list one job twice under two addresses; its own copies share an external id.
  if (a.source && a.source === b.source && a.source !== 'employer' && a.originalUrl && a.originalUrl !== b.originalUrl) return 'same-source';
  return undefined;
}
