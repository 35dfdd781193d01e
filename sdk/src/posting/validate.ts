import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { PostingValidationError } from '../errors.js';
import { JobPostingSchema, type JobPosting } from './schema.js';
import { formatSchemaErrors } from './schema-errors.js';

/** The result of {@link validatePosting}. */
export type PostingValidation = { ok: true; value: JobPosting } | { ok: false; errors: string[] };

/** A posting validator compiled once from {@link JobPostingSchema}: see {@link compilePostingValidator}. */
export interface PostingValidator {
  /** Fast type guard: the schema and the cross-field checks (`salaryMin <= salaryMax`), no messages. */
  check(p: unknown): p is JobPosting;
  /** {@link validatePosting}: the fast check first, readable errors (field path first) on failure. */
  validate(p: unknown): PostingValidation;
  /** Whether the schema check runs as JIT-compiled code (false where `eval` is forbidden: still right, slower). */
  readonly accelerated: boolean;
}

let cached: PostingValidator | undefined;

/**
 * The posting validator for hot paths (the engine's pipeline validates every posting of every run):
 * {@link JobPostingSchema} compiled once with TypeBox's `Compile`, which checks a posting in well
 * under a microsecond where interpreting the schema takes tens. Compiled on the first call and
 * cached: every call returns the same validator. Failures still get the readable messages of
 * {@link validatePosting} (which uses this validator itself).
 *
 * @example
 * ```ts
 * const postings = compilePostingValidator();
 * if (postings.check(raw)) store(raw);              // typed JobPosting
 * else log(postings.validate(raw));                 // { ok: false, errors: ['title: must not have fewer than 1 characters'] }
 * ```
 */
export function compilePostingValidator(): PostingValidator {
  if (cached) return cached;
  const compiled = Compile(JobPostingSchema);
  const check = (p: unknown): p is JobPosting => compiled.Check(p) && crossFieldErrors(p).length === 0;
  cached = {
    check,
    validate(p) {
      if (check(p)) return { ok: true, value: p };
      // Only failures pay for the interpreter: its errors are the ones formatSchemaErrors reads.
      const errors = compiled.Check(p) ? crossFieldErrors(p) : formatSchemaErrors(Value.Errors(JobPostingSchema, p));
      return { ok: false, errors };
    },
    accelerated: compiled.IsAccelerated(),
  };
  return cached;
}

// Rules a JSON schema cannot state.
function crossFieldErrors(p: JobPosting): string[] {
  if (p.salaryMin !== undefined && p.salaryMax !== undefined && p.salaryMin > p.salaryMax) {
    return [`salaryMin: must not exceed salaryMax (${p.salaryMin} > ${p.salaryMax})`];
  }
  return [];
}

/**
 * Checks a value against {@link JobPostingSchema}. Each error starts with the field path.
 * Beyond the schema it checks that `salaryMin <= salaryMax`. Uses the compiled validator of
 * {@link compilePostingValidator}, so it is cheap enough to call on every posting.
 *
 * @example
 * ```ts
 * const r = validatePosting({ title: '', companyName: 'Acme', originalUrl: 'https://a.ca/j/1', description: '' });
 * if (!r.ok) console.log(r.errors); // ['title: must not have fewer than 1 characters']
 * ```
 */
export function validatePosting(p: unknown): PostingValidation {
  return compilePostingValidator().validate(p);
}

/**
 * Like {@link validatePosting} but throws {@link PostingValidationError} (`PF_ERR_POSTING_INVALID`).
 *
 * @example
 * ```ts
 * const posting = assertPosting(candidate); // typed JobPosting or throws
 * ```
 */
export function assertPosting(p: unknown): JobPosting {
  const r = validatePosting(p);
  if (!r.ok) throw new PostingValidationError(`Invalid job posting: ${r.errors.join('; ')}`, { errors: r.errors });
  return r.value;
}
