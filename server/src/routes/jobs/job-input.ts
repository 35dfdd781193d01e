import { Type, type Static, type TSchema } from 'typebox';
import { JOB_TYPES, LOCATION_TYPES, PROVINCE_CODES, SALARY_PERIODS, TERMS, sanitizeHtml, type JobPosting } from '@pathfinder/sdk';
import { preparePosting, seniorReason, type PreparedJob } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { parseDateFilter } from '../../search/search-filters.js';
import type { JobDetailRow } from './job-dto.js';

/** The longest `descriptionHtml` the API takes. */
export const DESCRIPTION_HTML_MAX = 100_000;

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$';
const date = (description: string) => Type.String({ pattern: ISO_DATE, maxLength: 40, description });
const names = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, description });

/** The fields an employer or admin writes; the same names and limits as a plugin's `JobPosting`. */
const postingFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  companyName: Type.String({ minLength: 1, maxLength: 200, description: 'Defaults to the employer\'s source name.' }),
  originalUrl: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048, description: 'Where applicants apply.' }),
  externalId: Type.String({ minLength: 1, maxLength: 200, description: 'Your own reference for the job.' }),
  description: Type.String({ maxLength: 100_000, description: 'Plain text; or give `descriptionHtml`.' }),
  // 100,000 characters is five times the longest real posting among the recorded fixtures (about
  // 20,000 with a whole page around it): generous for a job, and it bounds the cleaning work.
  descriptionHtml: Type.String({ maxLength: DESCRIPTION_HTML_MAX, description: 'HTML; sanitised to a safe subset. At most 100,000 characters.' }),
  jobType: Type.Enum(JOB_TYPES, { description: 'Left out: classified from the title and description.' }),
  term: Type.Enum(TERMS),
  locationType: Type.Enum(LOCATION_TYPES),
  city: Type.String({ minLength: 1, maxLength: 120 }),
  province: Type.Enum(PROVINCE_CODES),
  withPay: Type.Boolean(),
  salaryMin: Type.Number({ minimum: 0, maximum: 10_000_000 }),
  salaryMax: Type.Number({ minimum: 0, maximum: 10_000_000 }),
  salaryPeriod: Type.Enum(SALARY_PERIODS),
  applicationDeadline: date('A date or date-time (UTC when no offset).'),
  datePosted: date('Defaults to now.'),
  academicCreditRequired: Type.Boolean(),
  minimumGpa: Type.Number({ minimum: 0, maximum: 4.5 }),
  requiredMajors: names('Majors the role asks for.'),
  requiredSkills: names('Skills the role asks for.'),
};
const extraFields = {
  employerNotes: Type.String({ maxLength: 5000, description: 'Private notes, shown only to the employer and admins.' }),
  updateProhibited: Type.Boolean({ description: 'Admins only: crawls and employers may no longer change the job.' }),
};

type Fields = typeof postingFields & typeof extraFields;
const optional = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };
const optionalNullable = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(Type.Union([v, Type.Null()]))])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<ReturnType<typeof Type.Union<[T[K], ReturnType<typeof Type.Null>]>>>>;
  };

const { title, originalUrl, companyName, description, ...rest } = { ...postingFields, ...extraFields } as Fields;

/** `POST /jobs`: title and URL required, a description as text or HTML; the rest is classified when left out. */
export const CreateJobBody = Type.Object(
  {
    title,
    originalUrl,
    companyName: Type.Optional(companyName),
    description: Type.Optional(description),
    ...optional(rest),
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Admins only: a manual or employer source (default: the shared manual source).' })),
  },
  { additionalProperties: false },
);
export type CreateJobBody = Static<typeof CreateJobBody>;

/** `PATCH /jobs/{id}`: any field; `null` clears an optional one. The result is validated and classified again. */
export const PatchJobBody = Type.Object(
  {
    title: Type.Optional(title),
    originalUrl: Type.Optional(originalUrl),
    companyName: Type.Optional(companyName),
    description: Type.Optional(description),
    ...optionalNullable(rest),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchJobBody = Static<typeof PatchJobBody>;

const CLEARABLE = Object.keys(rest) as (keyof typeof rest)[];

function isoOrThrow(name: string, value: string): string {
  const d = parseDateFilter(value);
  if (!d) throw ApiError.badRequest(`${name} is not a real date: "${value}"`);
  return d.toISOString();
}

/**
 * The body's posting fields as a raw `JobPosting` for the pipeline (dates as UTC ISO). The HTML is
 * sanitised later, by {@link prepareSubmitted}, off the event loop.
 */
function toPosting(fields: Record<string, unknown>): Record<string, unknown> {
  const posting: Record<string, unknown> = {};
  for (const key of Object.keys(postingFields)) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (key === 'applicationDeadline' || key === 'datePosted') posting[key] = isoOrThrow(key, value as string);
    else posting[key] = value;
  }
  posting.description ??= '';
  return posting;
}

/** An existing job as the `JobPosting` it would have been (so a patch is re-run through the pipeline whole). */
export function rowToPosting(row: JobDetailRow): Record<string, unknown> {
  const iso = (v: Date | string | null) => (v === null ? undefined : (v instanceof Date ? v : new Date(v)).toISOString());
  const posting: Partial<Record<keyof JobPosting, unknown>> = {
    title: row.title,
    companyName: row.companyName,
    originalUrl: row.originalUrl,
    externalId: row.externalId ?? undefined,
    description: row.description,
    descriptionHtml: row.descriptionHtml ?? undefined,
    jobType: row.jobType,
    term: row.term ?? undefined,
    locationType: row.locationType,
    city: row.city ?? undefined,
    province: row.province ?? undefined,
    withPay: row.withPay,
    salaryMin: row.salaryMin ?? undefined,
    salaryMax: row.salaryMax ?? undefined,
    salaryPeriod: row.salaryPeriod ?? undefined,
    applicationDeadline: iso(row.applicationDeadline),
    datePosted: iso(row.datePosted),
    academicCreditRequired: row.academicCreditRequired,
    minimumGpa: row.minimumGpa ?? undefined,
    requiredMajors: row.requiredMajors,
    requiredSkills: row.requiredSkills,
  };
  return Object.fromEntries(Object.entries(posting).filter(([, v]) => v !== undefined));
}

/** The new posting for a create: the body's fields, the company defaulting to the source's name, posted now. */
export function postingFromCreate(body: CreateJobBody, defaults: { companyName: string; now: Date }): Record<string, unknown> {
  if (!body.description?.trim() && !body.descriptionHtml?.trim()) throw ApiError.badRequest('Give a description (text or HTML).');
  const posting = toPosting(body as Record<string, unknown>);
  posting.companyName ??= defaults.companyName;
  posting.datePosted ??= defaults.now.toISOString();
  return posting;
}

/** The posting after a patch. Text and HTML descriptions are one thing: replacing one drops the other. */
export function postingFromPatch(current: JobDetailRow, patch: PatchJobBody): Record<string, unknown> {
  const merged: Record<string, unknown> = rowToPosting(current);
  if (patch.description !== undefined && patch.descriptionHtml === undefined) delete merged.descriptionHtml;
  if (patch.descriptionHtml !== undefined && patch.descriptionHtml !== null && patch.description === undefined) merged.description = '';
  for (const [key, value] of Object.entries(patch)) {
    if (value === null && (CLEARABLE as string[]).includes(key)) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return toPosting(merged);
}

/** Options of {@link prepareOrThrow} (plain data: they cross to a worker thread). */
export interface PrepareOrThrowOptions {
  sourceId: string;
  now: Date;
  checkDeadline: boolean;
  strictSenior: boolean;
}

/**
 * A posting an employer or admin submitted, made ready to store: its HTML sanitised, then the
 * pipeline ({@link prepareOrThrow}). CPU-heavy on a large description, so the routes run it on a
 * worker thread (`prepare-pool.ts`); it is a plain function of its input for that reason.
 */
export function prepareSubmitted(posting: Record<string, unknown>, options: PrepareOrThrowOptions): PreparedJob {
  const cleaned = { ...posting };
  if (typeof cleaned.descriptionHtml === 'string') cleaned.descriptionHtml = sanitizeHtml(cleaned.descriptionHtml);
  if (!String(cleaned.description ?? '').trim() && !String(cleaned.descriptionHtml ?? '').trim()) {
    throw ApiError.badRequest('The job needs a description (text or HTML).');
  }
  return prepareOrThrow(cleaned, options);
}

const seniorRole = (reason: string) => new ApiError(400, 'PF_ERR_SENIOR_ROLE',
  `Pathfinder lists co-op, internship and new-grad roles only, and this looks like a senior role (${reason}). `
  + 'Reword the title or requirements if it is open to students or recent graduates.', { reason });

/**
 * Runs a posting through the crawl pipeline (validate → normalise → senior filter → classify →
 * hashes) and turns every refusal into a 400 the poster can act on. `strictSenior` (employers) runs
 * the senior filter on the title and description even when the posting says co-op or internship:
 * the pipeline trusts a plugin's label (it knows its board), but a label is not proof from a poster.
 */
export function prepareOrThrow(posting: Record<string, unknown>, options: PrepareOrThrowOptions): PreparedJob {
  const result = preparePosting(posting, { sourceId: options.sourceId, now: options.now, skipExpired: options.checkDeadline });
  if (result.kind === 'invalid') {
    throw new ApiError(400, 'PF_ERR_POSTING_INVALID', `The job is not valid: ${result.errors.join('; ')}`, { stage: result.stage, errors: result.errors });
  }
  if (result.kind === 'job') {
    const senior = options.strictSenior ? seniorReason({ title: result.job.title, description: result.job.description }) : undefined;
    if (senior !== undefined) throw seniorRole(senior);
    return result.job;
  }
  if (result.code === 'senior') throw seniorRole(result.reason);
  throw new ApiError(400, 'PF_ERR_DEADLINE_PASSED', `The application deadline has already passed (${result.reason}).`, { reason: result.reason });
}
