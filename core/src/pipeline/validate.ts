import { JobPostingSchema, validatePosting, type JobPosting } from '@pathfinder/sdk';
import { Compile } from 'typebox/compile';
import { StageError } from './stage-error.js';

// The SDK's validatePosting interprets the schema on every call (~40 µs); the compiled check takes
// well under 1 µs. Postings the compiled check passes and that carry no field pair the SDK checks
// across fields (salaryMin <= salaryMax) are valid without more ado; everything else goes through
// validatePosting, which stays the one authority and writes the error messages.
const compiled = Compile(JobPostingSchema);

/**
 * The validate stage: checks what a plugin yielded against the SDK's `JobPostingSchema`
 * (plus the SDK's cross-field checks). Returns the posting, or a {@link StageError} with
 * `stage: 'validate'`, code `PF_ERR_POSTING_INVALID` and one readable error per problem
 * (each starting with the field path). It never throws: an invalid posting is data, not a crash.
 *
 * @example
 * const r = validateStage({ title: '', companyName: 'Acme', originalUrl: 'https://a.ca/1', description: '' });
 * if (r instanceof StageError) console.log(r.errors); // ['title: …']
 */
export function validateStage(raw: unknown): JobPosting | StageError {
  try {
    if (compiled.Check(raw) && (raw.salaryMin === undefined || raw.salaryMax === undefined)) return raw;
    const r = validatePosting(raw);
    return r.ok ? r.value : new StageError('validate', r.errors);
  } catch (e) {
    return StageError.wrap('validate', e);
  }
}
