import { validatePosting, type JobPosting } from '@pathfinder/sdk';
import { StageError } from './stage-error.js';

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
    const r = validatePosting(raw);
    return r.ok ? r.value : new StageError('validate', r.errors);
  } catch (e) {
    return StageError.wrap('validate', e);
  }
}
