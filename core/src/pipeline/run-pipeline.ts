import { classifyStage } from './classify.js';
import { contentHash, dedupeHash, dedupeLocation } from './dedupe-hash.js';
import { normalizeStage } from './normalize.js';
import type { PreparedJob } from './prepared-job.js';
import { seniorReason } from './senior.js';
import { StageError, type PipelineStage } from './stage-error.js';
import { validateStage } from './validate.js';

/** Options of {@link preparePosting}. */
export interface PrepareOptions {
  /** The source the posting came from; named in error messages. */
  sourceId?: string;
  /** The crawl clock (relative dates, expired deadlines). */
  now: Date;
  /**
   * Skip postings whose application deadline passed more than a day before `now` (the day of grace
   * covers deadlines stored as local midnight). Default true.
   */
  skipExpired?: boolean;
}

/** Why a valid posting was left out: a senior role, or a deadline already past. */
export type SkipCode = 'senior' | 'expired';

/** What {@link preparePosting} made of one raw posting. */
export type PrepareResult =
  | { kind: 'job'; job: PreparedJob }
  | { kind: 'skipped'; code: SkipCode; reason: string }
  | { kind: 'invalid'; stage: PipelineStage; errors: string[]; error: StageError };

const DAY_MS = 86_400_000;

function invalid(e: unknown, stage: PipelineStage, sourceId?: string): PrepareResult {
  const error = StageError.wrap(stage, e);
  if (sourceId !== undefined) error.sourceId ??= sourceId;
  return { kind: 'invalid', stage: error.stage, errors: error.errors, error };
}

/**
 * Runs one raw posting through the pure pipeline: validate → normalise → senior filter (and expired
 * deadline) → classify → hashes. Never throws: a bad posting comes back as `invalid` (the stage and
 * its errors, the {@link StageError} with `cause`), a senior or expired one as `skipped`.
 *
 * @example
 * const r = preparePosting(posting, { sourceId: 'civicjobs', now: ctx.now() });
 * if (r.kind === 'job') batch.push(r.job);
 * else if (r.kind === 'invalid') log.warn('invalid posting', { errors: r.errors });
 */
export function preparePosting(raw: unknown, o: PrepareOptions): PrepareResult {
  const valid = validateStage(raw);
  if (valid instanceof StageError) return invalid(valid, 'validate', o.sourceId);

  let stage: PipelineStage = 'normalize';
  try {
    const normal = normalizeStage(valid, { now: o.now });

    stage = 'senior';
    const senior = seniorReason(normal);
    if (senior !== undefined) return { kind: 'skipped', code: 'senior', reason: senior };
    if ((o.skipExpired ?? true) && normal.applicationDeadline !== undefined
      && Date.parse(normal.applicationDeadline) < o.now.getTime() - DAY_MS) {
      return { kind: 'skipped', code: 'expired', reason: `application deadline passed (${normal.applicationDeadline})` };
    }

    stage = 'classify';
    const c = classifyStage(normal);

    stage = 'dedupe';
    const job: PreparedJob = {
      ...c,
      withPay: c.withPay ?? true,
      requiredMajors: c.requiredMajors ?? [],
      requiredSkills: c.requiredSkills ?? [],
      dedupeHash: dedupeHash(c.companyName, c.title, dedupeLocation(c)),
      contentHash: '',
    };
    job.contentHash = contentHash(job);
    return { kind: 'job', job };
  } catch (e) {
    return invalid(e, stage, o.sourceId);
  }
}
