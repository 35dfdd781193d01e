import { Value } from 'typebox/value';
import { PostingValidationError } from '../errors.js';
import { JobPostingSchema, type JobPosting } from './schema.js';
import { formatSchemaErrors } from './schema-errors.js';

/** The result of {@link validatePosting}. */
export type PostingValidation = { ok: true; value: JobPosting } | { ok: false; errors: string[] };

/**
 * Checks a value against {@link JobPostingSchema}. Each error starts with the field path.
 * Beyond the schema it checks that `salaryMin <= salaryMax`.
 *
 * @example
 * ```ts
 * const r = validatePosting({ title: '', companyName: 'Acme', originalUrl: 'https://a.ca/j/1', description: '' });
 * if (!r.ok) console.log(r.errors); // ['title: must not have fewer than 1 characters']
 * ```
 */
export function validatePosting(p: unknown): PostingValidation {
  const errors = Value.Check(JobPostingSchema, p) ? [] : formatSchemaErrors(Value.Errors(JobPostingSchema, p));
  if (errors.length === 0) {
    const v = p as JobPosting;
    if (v.salaryMin !== undefined && v.salaryMax !== undefined && v.salaryMin > v.salaryMax) {
      errors.push(`salaryMin: must not exceed salaryMax (${v.salaryMin} > ${v.salaryMax})`);
    }
  }
  return errors.length === 0 ? { ok: true, value: p as JobPosting } : { ok: false, errors };
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
