import { JOB_TYPES, JobPostingSchema, LOCATION_TYPES } from '@pathfinder/sdk';
import { Type, type Static } from 'typebox';

const SHA256_HEX = '^[0-9a-f]{64}$';

/**
 * A posting ready to store: the SDK's `JobPosting`, normalised and classified, with every field the
 * Job table requires filled (`jobType`, `locationType`, `withPay` (default true),
 * `academicCreditRequired` (default false), `remoteCanada`, `requiredMajors`/`requiredSkills` (default []))
 * plus `dedupeHash` (company|title|location) and `contentHash` (tells `updated` from `unchanged`).
 * `originalUrl` is canonical (see `normalizeUrl`).
 */
export const PreparedJobSchema = Type.Object(
  {
    ...JobPostingSchema.properties,
    jobType: Type.Enum(JOB_TYPES),
    locationType: Type.Enum(LOCATION_TYPES),
    withPay: Type.Boolean(),
    academicCreditRequired: Type.Boolean(),
    remoteCanada: Type.Boolean(),
    requiredMajors: Type.Array(Type.String({ minLength: 1 })),
    requiredSkills: Type.Array(Type.String({ minLength: 1 })),
    dedupeHash: Type.String({ pattern: SHA256_HEX }),
    contentHash: Type.String({ pattern: SHA256_HEX }),
  },
  { additionalProperties: false },
);

/** The static type of {@link PreparedJobSchema}. */
export type PreparedJob = Static<typeof PreparedJobSchema>;
