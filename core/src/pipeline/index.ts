/**
 * The pure (database-free) ingestion pipeline: validate → normalise → senior filter → classify →
 * hashes. `preparePosting` runs them all; each stage is also usable alone.
 */
export { preparePosting, type PrepareOptions, type PrepareResult, type SkipCode } from './run-pipeline.js';
export { PreparedJobSchema, type PreparedJob } from './prepared-job.js';
export { StageError, PIPELINE_STAGES, PipelineErrorCodes, type PipelineStage, type PipelineErrorCode } from './stage-error.js';
export { validateStage } from './validate.js';
export { normalizeStage, cleanLabel, cleanDescription, toUtcIso, type NormalizeOptions } from './normalize.js';
export { normalizeUrl, TRACKING_PARAMS, TRACKING_PARAM_PREFIXES } from './normalize-url.js';
export { normalizeLocation, normalizeProvince, titleCaseIfShouting, type NormalizedLocation } from './normalize-location.js';
export { normalizeSalary, MAX_HOURLY, MIN_YEARLY, type SalaryFields } from './normalize-salary.js';
export {
  classifyStage, detectJobType, detectTerm, detectLocationType, detectAcademicCredit, detectRemoteCanada,
  type ClassifiedFields, type ClassifiedPosting,
} from './classify.js';
export {
  COOP_KEYWORDS, INTERNSHIP_KEYWORDS, NEW_GRAD_KEYWORDS, TERM_KEYWORDS, ACADEMIC_CREDIT_PATTERNS, REMOTE_CANADA_PATTERNS,
  HYBRID_KEYWORDS, REMOTE_KEYWORDS, REMOTE_TITLE_KEYWORDS, NOT_REMOTE_PATTERN,
} from './classify-keywords.js';
export { seniorReason, SENIOR_TITLE_RULES, SENIOR_MIN_YEARS, ENTRY_LEVEL_TITLE_PATTERN, YEARS_PATTERN, type SeniorTitleRule } from './senior.js';
export { companyKey, dedupeHash, dedupeKey, dedupeLocation, foldKeyPart, contentHash, CONTENT_FIELDS, type ContentField } from './dedupe-hash.js';
