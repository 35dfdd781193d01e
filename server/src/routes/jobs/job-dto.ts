import type { Static } from 'typebox';
import type { JobSummaryRow } from '../../search/run-job-search.js';
import type { JobDetail, JobSummary } from './job-schemas.js';

/** A timestamp from Postgres (a Date, or text when it came through JSON) as a UTC ISO string. */
export function isoTime(value: Date | string): string;
export function isoTime(value: Date | string | null | undefined): string | null;
export function isoTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export const applyUrl = (id: string) => `/api/v1/jobs/${encodeURIComponent(id)}/apply`;

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

type JobSummaryDto = Static<typeof JobSummary>;
type JobDetailDto = Static<typeof JobDetail>;

/** A search row as the API's `JobSummary`. */
export function toJobSummary(row: JobSummaryRow, withScore: boolean): JobSummaryDto {
  return {
    id: row.id,
    title: row.title,
    companyName: row.companyName,
    jobType: row.jobType as JobSummaryDto['jobType'],
    term: row.term as JobSummaryDto['term'],
    locationType: row.locationType as JobSummaryDto['locationType'],
    city: row.city,
    province: row.province as JobSummaryDto['province'],
    snippet: row.snippet,
    descriptionHighlights: row.descriptionHighlights,
    withPay: row.withPay,
    salaryMin: num(row.salaryMin),
    salaryMax: num(row.salaryMax),
    salaryPeriod: row.salaryPeriod as JobSummaryDto['salaryPeriod'],
    applicationDeadline: isoTime(row.applicationDeadline),
    academicCreditRequired: row.academicCreditRequired,
    remoteCanada: row.remoteCanada,
    datePosted: isoTime(row.datePosted),
    isActive: row.isActive,
    createdAt: isoTime(row.createdAt),
    source: { id: row.sourceId, name: row.sourceName, pluginId: row.pluginId, sourceType: row.sourceType as JobSummaryDto['source']['sourceType'] },
    applyUrl: applyUrl(row.id),
    alsoPostedOn: row.alsoPostedOn ?? [],
    ...(withScore ? { score: Number(row.score ?? 0) } : {}),
  };
}

/** A row of {@link JOB_DETAIL_SQL}. */
export interface JobDetailRow {
  id: string;
  title: string;
  companyName: string;
  jobType: string;
  term: string | null;
  locationType: string;
  city: string | null;
  province: string | null;
  description: string;
  descriptionHtml: string | null;
  descriptionHighlights: string | null;
  withPay: boolean;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryPeriod: string | null;
  applicationDeadline: Date | string | null;
  academicCreditRequired: boolean;
  remoteCanada: boolean;
  minimumGpa: number | null;
  requiredMajors: string[];
  requiredSkills: string[];
  originalUrl: string;
  externalId: string | null;
  datePosted: Date | string | null;
  lastScrapedAt: Date | string;
  isActive: boolean;
  updateProhibited: boolean;
  archivedAt: Date | string | null;
  archiveReason: string | null;
  employerNotes: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  sourceId: string;
  sourceName: string;
  pluginId: string | null;
  sourceType: string;
  employerUserId: string | null;
  clusterId: string | null;
  isRepresentative: boolean;
  clusterScore: number | null;
  clusterCopies: {
    jobId: string; sourceId: string; sourceName: string; pluginId: string | null; sourceType: string; url: string;
    score: number; isActive: boolean; isRepresentative: boolean;
  }[] | null;
}

/** Everything about one job, with the owner's source (to check who may change it). */
export const JOB_DETAIL_SQL = `select j.id, j.title, j.company_name as "companyName", j.job_type as "jobType", j.term,
  j.location_type as "locationType", j.city, j.province_code as "province", j.description, j.description_html as "descriptionHtml",
  j.description_highlights as "descriptionHighlights", j.with_pay as "withPay", j.salary_min as "salaryMin", j.salary_max as "salaryMax",
  j.salary_period as "salaryPeriod", j.application_deadline as "applicationDeadline",
  j.academic_credit_required as "academicCreditRequired", j.remote_canada as "remoteCanada", j.minimum_gpa as "minimumGpa",
  j.required_majors as "requiredMajors", j.required_skills as "requiredSkills", j.original_url as "originalUrl",
  j.external_id as "externalId", j.date_posted as "datePosted", j.last_scraped_at as "lastScrapedAt", j.is_active as "isActive",
  j.update_prohibited as "updateProhibited", j.archived_at as "archivedAt", j.archive_reason as "archiveReason",
  j.employer_notes as "employerNotes", j.created_at as "createdAt", j.updated_at as "updatedAt",
  s.id as "sourceId", s.name as "sourceName", s.plugin_id as "pluginId", s.source_type as "sourceType",
  s.employer_user_id as "employerUserId", j.cluster_id as "clusterId", j.is_representative as "isRepresentative",
  (select m.score from job_cluster_members m where m.job_id = j.id) as "clusterScore",
  (select json_agg(json_build_object('jobId', o.id, 'sourceId', os.id, 'sourceName', os.name, 'pluginId', os.plugin_id,
      'sourceType', os.source_type, 'url', o.original_url, 'score', m.score, 'isActive', o.is_active, 'isRepresentative', o.is_representative)
      order by o.is_representative desc, m.joined_at, o.id)
     from job_cluster_members m join jobs o on o.id = m.job_id join data_sources os on os.id = o.source_id
    where m.cluster_id = j.cluster_id and o.id <> j.id) as "clusterCopies"
  from jobs j join data_sources s on s.id = j.source_id`;

/** The job's cluster (the other copies with their scores), or null when it has none. */
function toClusterRef(row: JobDetailRow): JobDetailDto['cluster'] {
  if (!row.clusterId) return null;
  return {
    id: row.clusterId,
    isRepresentative: row.isRepresentative,
    score: Number(row.clusterScore ?? 0),
    copies: (row.clusterCopies ?? []).map((c) => ({
      jobId: c.jobId,
      source: { id: c.sourceId, name: c.sourceName, pluginId: c.pluginId, sourceType: c.sourceType as JobDetailDto['source']['sourceType'] },
      url: c.url,
      score: Number(c.score),
      isActive: c.isActive,
      isRepresentative: c.isRepresentative,
    })),
  };
}

/** A detail row as the API's `JobDetail`; `withNotes` for an admin or the owner. */
export function toJobDetail(row: JobDetailRow, withNotes: boolean): JobDetailDto {
  return {
    id: row.id,
    title: row.title,
    companyName: row.companyName,
    jobType: row.jobType as JobDetailDto['jobType'],
    term: row.term as JobDetailDto['term'],
    locationType: row.locationType as JobDetailDto['locationType'],
    city: row.city,
    province: row.province as JobDetailDto['province'],
    description: row.description,
    descriptionHtml: row.descriptionHtml,
    descriptionHighlights: row.descriptionHighlights,
    withPay: row.withPay,
    salaryMin: num(row.salaryMin),
    salaryMax: num(row.salaryMax),
    salaryPeriod: row.salaryPeriod as JobDetailDto['salaryPeriod'],
    applicationDeadline: isoTime(row.applicationDeadline),
    academicCreditRequired: row.academicCreditRequired,
    remoteCanada: row.remoteCanada,
    minimumGpa: num(row.minimumGpa),
    requiredMajors: row.requiredMajors ?? [],
    requiredSkills: row.requiredSkills ?? [],
    originalUrl: row.originalUrl,
    externalId: row.externalId,
    datePosted: isoTime(row.datePosted),
    lastScrapedAt: isoTime(row.lastScrapedAt),
    isActive: row.isActive,
    updateProhibited: row.updateProhibited,
    archivedAt: isoTime(row.archivedAt),
    archiveReason: row.archiveReason,
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
    source: { id: row.sourceId, name: row.sourceName, pluginId: row.pluginId, sourceType: row.sourceType as JobDetailDto['source']['sourceType'] },
    applyUrl: applyUrl(row.id),
    ...(withNotes ? { employerNotes: row.employerNotes } : {}),
    cluster: toClusterRef(row),
  };
}
