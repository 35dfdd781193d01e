import { createId } from '@paralleldrive/cuid2';

/** Every primary key is a CUID: unguessable, sortable enough, safe in URLs. */
export const newId = (): string => createId();

/** The enums of the seed plan, shared by entities, the pipeline and the API schemas. */
export const USER_ROLES = ['student', 'graduate', 'employer', 'admin', 'superuser'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const JOB_TYPES = ['coop', 'internship', 'new_grad'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export const JOB_TERMS = ['summer', 'fall', 'winter', 'year_round'] as const;
export type JobTerm = (typeof JOB_TERMS)[number];
export const LOCATION_TYPES = ['remote', 'hybrid', 'onsite'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
export const SALARY_PERIODS = ['hour', 'year'] as const;
export const SOURCE_TYPES = ['scraper', 'manual', 'employer'] as const;
/** `queued`: enqueued (run now, schedule) and waiting for a worker; then `running` until it ends. */
export const SCRAPE_STATUSES = ['queued', 'running', 'success', 'partial', 'failed', 'aborted'] as const;
/** Why a run ended `partial` (it ran to its end but archived nothing): see `engine/run-outcome.ts`. */
export const PARTIAL_REASONS = ['empty', 'shrunk', 'limited'] as const;
export type PartialReason = (typeof PARTIAL_REASONS)[number];
export type ScrapeStatus = (typeof SCRAPE_STATUSES)[number];
export const ALERT_FREQUENCIES = ['instant', 'daily', 'weekly'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];
