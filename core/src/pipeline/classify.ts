import type { JobPosting, JobType, LocationType, Term } from '@pathfinder/sdk';
import {
  ACADEMIC_CREDIT_PATTERNS, COOP_KEYWORDS, HYBRID_KEYWORDS, INTERNSHIP_KEYWORDS, NEW_GRAD_KEYWORDS, NOT_REMOTE_PATTERN,
  REMOTE_CANADA_PATTERNS, REMOTE_KEYWORDS, REMOTE_TITLE_KEYWORDS, TERM_KEYWORDS,
} from './classify-keywords.js';
import { StageError } from './stage-error.js';

// One precompiled alternation per list: a single scan of the text instead of one per keyword.
const anyOf = (list: readonly RegExp[]): RegExp => new RegExp(list.map((r) => `(?:${r.source})`).join('|'), 'i');
const COOP = anyOf(COOP_KEYWORDS);
const INTERNSHIP = anyOf(INTERNSHIP_KEYWORDS);
const NEW_GRAD = anyOf(NEW_GRAD_KEYWORDS);
const ACADEMIC_CREDIT = anyOf(ACADEMIC_CREDIT_PATTERNS);
const REMOTE_CANADA = anyOf(REMOTE_CANADA_PATTERNS);
const HYBRID = anyOf(HYBRID_KEYWORDS);
const REMOTE = anyOf(REMOTE_KEYWORDS);
const REMOTE_TITLE = anyOf(REMOTE_TITLE_KEYWORDS);
const TERM_NAMES = Object.keys(TERM_KEYWORDS) as Term[];
// One alternation per term: V8 scans four mid-sized alternations faster than one of twenty keywords.
const TERMS = TERM_NAMES.map((term) => ({ term, pattern: anyOf(TERM_KEYWORDS[term]) }));
// Every hybrid/remote keyword contains one of these words; a text without any is on-site, unread.
const LOCATION_HINT = /remote|hybrid|home|wfh|t[ée]l[ée]travail|distance|office/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// "Calgary Co-op" or "Interns Inc." must not make every one of their postings a co-op/internship.
function withoutCompany(text: string, companyName: string | undefined): string {
  if (!companyName || !(COOP.test(companyName) || INTERNSHIP.test(companyName))) return text;
  return text.replace(new RegExp(escapeRegExp(companyName), 'gi'), ' ');
}

/**
 * Co-op, internship or new grad, from the title first (a title keyword decides), then the description;
 * within each, co-op before internship before new grad (the seed's order). Defaults to `new_grad`.
 *
 * @example detectJobType('Software Developer', 'A 4-month co-op work term.') // 'coop'
 */
export function detectJobType(title: string, description = '', companyName?: string): JobType {
  const t = withoutCompany(title, companyName);
  if (COOP.test(t)) return 'coop';
  if (INTERNSHIP.test(t)) return 'internship';
  if (NEW_GRAD.test(t)) return 'new_grad';
  const d = withoutCompany(description, companyName);
  if (COOP.test(d)) return 'coop';
  if (INTERNSHIP.test(d)) return 'internship';
  return 'new_grad';
}

// The term mentioned first in `text` (the earliest match of any term's keywords).
function firstTerm(text: string): Term | undefined {
  let best: Term | undefined;
  let bestAt = Infinity;
  for (const { term, pattern } of TERMS) {
    const m = pattern.exec(text);
    if (m !== null && m.index < bestAt) {
      best = term;
      bestAt = m.index;
    }
  }
  return best;
}

/**
 * The academic term: the earliest mention in the title, else in the description ("Summer 2027",
 * "May–August", "September to December", "4-month winter term", "permanent" → `year_round`).
 *
 * @example detectTerm('Co-op Student', 'Work term: January - April 2027') // 'winter'
 */
export function detectTerm(title: string, description = ''): Term | undefined {
  return firstTerm(title) ?? firstTerm(description);
}

/**
 * Remote, hybrid or on-site. A title saying "remote" wins; the description is read for clear phrases
 * ("hybrid", "fully remote", "work from home", "télétravail"), with denials ("not a remote position")
 * ignored. Defaults to `onsite`.
 *
 * @example detectLocationType('Analyst', 'Hybrid: 3 days a week in the office.') // 'hybrid'
 */
export function detectLocationType(title: string, description = ''): LocationType {
  if (HYBRID.test(title)) return 'hybrid';
  if (REMOTE_TITLE.test(title)) return 'remote';
  if (!LOCATION_HINT.test(description)) return 'onsite';
  NOT_REMOTE_PATTERN.lastIndex = 0;
  const d = NOT_REMOTE_PATTERN.test(description) ? description.replace(NOT_REMOTE_PATTERN, ' ') : description;
  if (HYBRID.test(d)) return 'hybrid';
  if (REMOTE.test(d)) return 'remote';
  return 'onsite';
}

/**
 * Whether the posting asks for enrolment or gives academic credit ("must be enrolled", "academic credit").
 *
 * @example detectAcademicCredit('Co-op', 'Students must be currently enrolled in a co-op program.') // true
 */
export function detectAcademicCredit(title: string, description = ''): boolean {
  return ACADEMIC_CREDIT.test(title) || ACADEMIC_CREDIT.test(description);
}

/**
 * Whether a remote job is restricted to Canada: a phrase says so ("Remote - Canada", "must reside in
 * Canada", "eligible to work in Canada"), or the posting names a province. Always false unless remote.
 *
 * @example detectRemoteCanada({ title: 'Dev', description: 'Remote within Canada.', locationType: 'remote' }) // true
 */
export function detectRemoteCanada(p: { title: string; description?: string; locationType?: LocationType; province?: string }): boolean {
  if (p.locationType !== 'remote') return false;
  if (p.province !== undefined) return true;
  return REMOTE_CANADA.test(p.title) || (p.description !== undefined && REMOTE_CANADA.test(p.description));
}

/** What the classify stage guarantees on top of the posting. */
export interface ClassifiedFields {
  jobType: JobType;
  locationType: LocationType;
  academicCreditRequired: boolean;
  remoteCanada: boolean;
  term?: Term;
}

/** A posting after the classify stage. */
export type ClassifiedPosting = Omit<JobPosting, keyof ClassifiedFields> & ClassifiedFields;

/**
 * The classify stage: fills what the plugin left empty (`jobType`, `term`, `locationType`,
 * `academicCreditRequired`) from the title and description, and computes `remoteCanada`.
 * A value the plugin set is never overwritten. Throws a {@link StageError} (`stage: 'classify'`) if a rule fails.
 *
 * @example
 * classifyStage({ title: 'Summer Student', companyName: 'City', originalUrl: 'https://c.ca/1', description: 'Remote - Canada' })
 * // { ..., jobType: 'internship', term: 'summer', locationType: 'remote', academicCreditRequired: false, remoteCanada: true }
 */
export function classifyStage(p: JobPosting): ClassifiedPosting {
  try {
    const { title, description } = p;
    const locationType = p.locationType ?? detectLocationType(title, description);
    const out: ClassifiedPosting = {
      ...p,
      jobType: p.jobType ?? detectJobType(title, description, p.companyName),
      locationType,
      academicCreditRequired: p.academicCreditRequired ?? detectAcademicCredit(title, description),
      remoteCanada: detectRemoteCanada({ title, description, locationType, province: p.province }),
    };
    const term = p.term ?? detectTerm(title, description);
    if (term !== undefined) out.term = term;
    return out;
  } catch (e) {
    throw StageError.wrap('classify', e);
  }
}
