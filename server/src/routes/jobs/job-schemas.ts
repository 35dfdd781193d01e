import { Type, type TSchema } from 'typebox';
import { JOB_TYPES, LOCATION_TYPES, PROVINCE_CODES, SALARY_PERIODS, TERMS } from '@pathfinder/sdk';
import { SOURCE_TYPES } from '@pathfinder/core';
import { DEFAULT_PHRASE_TOTAL_CAP, DEFAULT_RANK_WINDOW, DEFAULT_TOTAL_CAP } from '../../search/build-search-sql.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

/** The source a job came from, as lists and details show it. */
export const SourceRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  pluginId: Nullable(Type.String({ description: 'The plugin id (`civicjobs`) for crawled sources.' })),
  sourceType: Type.Enum(SOURCE_TYPES),
});

const commonJobFields = {
  id: Type.String(),
  title: Type.String(),
  companyName: Type.String(),
  jobType: Type.Enum(JOB_TYPES),
  term: Nullable(Type.Enum(TERMS)),
  locationType: Type.Enum(LOCATION_TYPES),
  city: Nullable(Type.String()),
  province: Nullable(Type.Enum(PROVINCE_CODES)),
  descriptionHighlights: Nullable(Type.String()),
  withPay: Type.Boolean(),
  salaryMin: Nullable(Type.Number()),
  salaryMax: Nullable(Type.Number()),
  salaryPeriod: Nullable(Type.Enum(SALARY_PERIODS)),
  applicationDeadline: Nullable(DateTime()),
  academicCreditRequired: Type.Boolean(),
  remoteCanada: Type.Boolean(),
  datePosted: Nullable(DateTime()),
  isActive: Type.Boolean(),
  createdAt: DateTime(),
  source: SourceRef,
  applyUrl: Type.String({ description: 'Follow this to apply: it records the click and redirects to the original posting.' }),
};

/** Another source's copy of a listed job. */
const AlsoPostedOn = Type.Object({
  source: Type.String({ description: 'The other source\'s display name (`CivicJobs`, or the employer\'s name for its own posting).' }),
  jobId: Type.String({ description: 'The copy\'s job id (`GET /jobs/{id}`).' }),
  url: Type.String({ description: 'The copy\'s original posting.' }),
});

/** A job in a list: the description cut to a snippet. */
export const JobSummary = Type.Object({
  ...commonJobFields,
  snippet: Type.String({ description: 'The start of the plain-text description.' }),
  alsoPostedOn: Type.Array(AlsoPostedOn, {
    description: 'The other active copies of this job at other sources. A search lists one result per job: the best copy '
      + '(the employer\'s own posting first, then the most complete), with the others here.',
  }),
  score: Type.Optional(Type.Number({ description: 'Relevance (searches with q).' })),
});

/** One copy of a job in its cluster, as `GET /jobs/{id}` lists the others. */
const ClusterCopy = Type.Object({
  jobId: Type.String(),
  source: SourceRef,
  url: Type.String({ description: 'The copy\'s original posting.' }),
  score: Type.Number({ description: 'The matcher\'s score (0 to 1) with which the copy joined the cluster.' }),
  isActive: Type.Boolean(),
  isRepresentative: Type.Boolean({ description: 'The copy searches show for the cluster.' }),
});

/** The copies of one job at several sources. */
export const JobClusterRef = Type.Object({
  id: Type.String(),
  isRepresentative: Type.Boolean({ description: 'Whether searches show this copy for the cluster.' }),
  score: Type.Number({ description: 'The matcher\'s score with which this copy joined the cluster.' }),
  copies: Type.Array(ClusterCopy, { description: 'The other copies, the representative first.' }),
});

/** One job, complete. `employerNotes` only for an admin or the owning employer. */
export const JobDetail = Type.Object({
  ...commonJobFields,
  description: Type.String(),
  descriptionHtml: Nullable(Type.String({ description: 'The description as sanitised HTML, when the source had markup.' })),
  originalUrl: Type.String(),
  externalId: Nullable(Type.String()),
  minimumGpa: Nullable(Type.Number()),
  requiredMajors: Type.Array(Type.String()),
  requiredSkills: Type.Array(Type.String()),
  updateProhibited: Type.Boolean(),
  archivedAt: Nullable(DateTime()),
  archiveReason: Nullable(Type.String()),
  lastScrapedAt: DateTime(),
  updatedAt: DateTime(),
  employerNotes: Type.Optional(Nullable(Type.String())),
  cluster: Nullable(JobClusterRef),
});

const FacetBucket = Type.Object({
  value: Type.String(),
  count: Type.Integer(),
  label: Type.Optional(Type.String({ description: 'Display name (source facet).' })),
});

/**
 * A search answer: the page, the next cursor, the total and facets. Both are exact up to a cap
 * ({@link DEFAULT_TOTAL_CAP} matches by default); past it `totalIsExact` is false, `total` is the cap ("at least") and
 * the facets count the cap's worth of matches, so each is a lower bound.
 */
export const SearchResponse = Type.Object({
  items: Type.Array(JobSummary),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer({ description: `How many jobs match; when \`totalIsExact\` is false, at least this many (the count stops at a cap, ${DEFAULT_TOTAL_CAP.toLocaleString('en')} by default, ${DEFAULT_PHRASE_TOTAL_CAP} when \`q\` has a quoted phrase).` }),
  totalIsExact: Type.Boolean({
    description: 'False when there are more matches than the count goes to: `total` is then a lower bound, and so is each facet count '
      + `(they count \`total\` of the matches). Relevance then ranks the newest matches (${DEFAULT_RANK_WINDOW} by default) and lists the older ones after them, newest first.`,
  }),
  facets: Type.Object({
    jobType: Type.Array(FacetBucket),
    term: Type.Array(FacetBucket, { description: 'Jobs without a term are in no bucket.' }),
    province: Type.Array(FacetBucket),
    locationType: Type.Array(FacetBucket),
    source: Type.Array(FacetBucket),
  }),
});
