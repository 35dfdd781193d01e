import { Type, type Static } from 'typebox';
import { JOB_TYPES, LOCATION_TYPES, PROVINCE_CODES, SALARY_PERIODS, TERMS } from './enums.js';

// ISO 8601 date-time in UTC, as produced by `Date#toISOString()` (milliseconds optional).
const UTC_ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

/**
 * The TypeBox schema of one job posting, as a plugin yields it. Unknown properties are rejected.
 *
 * @example
 * ```ts
 * import { Value } from 'typebox/value';
 * Value.Check(JobPostingSchema, { title: 'Analyst', companyName: 'City', originalUrl: 'https://x.ca/1', description: '' }); // true
 * ```
 */
export const JobPostingSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    companyName: Type.String({ minLength: 1, maxLength: 200 }),
    originalUrl: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.String(),
    descriptionHtml: Type.Optional(Type.String()),
    jobType: Type.Optional(Type.Enum(JOB_TYPES)),
    term: Type.Optional(Type.Enum(TERMS)),
    locationType: Type.Optional(Type.Enum(LOCATION_TYPES)),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    province: Type.Optional(Type.Enum(PROVINCE_CODES)),
    withPay: Type.Optional(Type.Boolean()),
    salaryMin: Type.Optional(Type.Number({ minimum: 0 })),
    salaryMax: Type.Optional(Type.Number({ minimum: 0 })),
    salaryPeriod: Type.Optional(Type.Enum(SALARY_PERIODS)),
    applicationDeadline: Type.Optional(Type.String({ pattern: UTC_ISO })),
    datePosted: Type.Optional(Type.String({ pattern: UTC_ISO })),
    academicCreditRequired: Type.Optional(Type.Boolean()),
    minimumGpa: Type.Optional(Type.Number({ minimum: 0, maximum: 4.5 })),
    requiredMajors: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    requiredSkills: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

/** One job posting (the static type of {@link JobPostingSchema}). */
export type JobPosting = Static<typeof JobPostingSchema>;
