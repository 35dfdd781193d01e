import { PathfinderError } from '@pathfinder/sdk';

/** The pipeline's stages, in the order a posting goes through them. */
export const PIPELINE_STAGES = ['validate', 'normalize', 'senior', 'classify', 'dedupe'] as const;

/** One of {@link PIPELINE_STAGES}. */
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/**
 * The pipeline's stable error codes. `PF_ERR_POSTING_INVALID` is the SDK's code (the posting broke
 * the schema); `PF_ERR_PIPELINE_STAGE` is an unexpected failure inside a stage (a bug or a value no
 * rule foresaw): the posting is reported invalid and the crawl goes on.
 */
export const PipelineErrorCodes = {
  PF_ERR_POSTING_INVALID: 'A posting does not match JobPostingSchema, or lost a required field while being normalised.',
  PF_ERR_PIPELINE_STAGE: 'A pipeline stage failed unexpectedly on one posting; the message names the stage, `cause` has the error.',
} as const;

/** One of {@link PipelineErrorCodes}. */
export type PipelineErrorCode = keyof typeof PipelineErrorCodes;

/**
 * A failure in one pipeline stage for one posting. `stage` says where, `errors` lists readable
 * problems (each starting with the field path when there is one), `cause` keeps the original error.
 */
export class StageError extends PathfinderError {
  readonly stage: PipelineStage;
  readonly errors: string[];
  /** The source of the posting, when the caller said. */
  sourceId?: string;

  constructor(stage: PipelineStage, errors: string[], options: { cause?: unknown; code?: PipelineErrorCode } = {}) {
    super(`Pipeline stage "${stage}" failed: ${errors.join('; ')}`, {
      code: options.code ?? (stage === 'validate' ? 'PF_ERR_POSTING_INVALID' : 'PF_ERR_PIPELINE_STAGE'),
      cause: options.cause,
    });
    this.stage = stage;
    this.errors = errors;
  }

  /**
   * Wraps anything thrown inside `stage`: a StageError passes through untouched, anything else
   * becomes a StageError whose `cause` is the original.
   */
  static wrap(stage: PipelineStage, e: unknown): StageError {
    if (e instanceof StageError) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new StageError(stage, [message], { cause: e, code: 'PF_ERR_PIPELINE_STAGE' });
  }
}
