import type { MatchablePosting } from '../dedupe/index.js';

/** The job columns the matcher compares, plus where the job stands in clustering. */
export interface ClusterJobRow {
  id: string;
  source_id: string;
  company_key: string | null;
  /** The employer keys it is blocked under, and the acronyms its name may be shortened to (`companyBlockKeys`). */
  company_block_keys: string[];
  company_acronyms: string[];
  cluster_id: string | null;
  is_active: boolean;
  title: string;
  company_name: string;
  original_url: string;
  description: string;
  city: string | null;
  province_code: string | null;
  location_type: string;
  remote_canada: boolean;
  term: string | null;
  job_type: string;
  application_deadline: Date | string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_period: string | null;
}

/** The select list for {@link ClusterJobRow} from `jobs j`. */
export const CLUSTER_JOB_COLUMNS = `j.id, j.source_id, j.company_key, j.company_block_keys, j.company_acronyms, j.cluster_id, j.is_active, j.title, j.company_name, j.original_url,
  j.description, j.city, j.province_code, j.location_type, j.remote_canada, j.term, j.job_type, j.application_deadline,
  j.salary_min, j.salary_max, j.salary_period`;

const iso = (v: Date | string | null) => (v === null ? undefined : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** The row as the matcher reads it; its source is the data source's id (one board never lists one job twice). */
export function toMatchable(r: ClusterJobRow): MatchablePosting {
  return {
    title: r.title,
    companyName: r.company_name,
    source: r.source_id,
    originalUrl: r.original_url,
    description: r.description,
    city: r.city ?? undefined,
    province: r.province_code ?? undefined,
    locationType: r.location_type,
    remoteCanada: r.remote_canada,
    term: r.term ?? undefined,
    jobType: r.job_type,
    applicationDeadline: iso(r.application_deadline),
    salaryMin: r.salary_min ?? undefined,
    salaryMax: r.salary_max ?? undefined,
    salaryPeriod: r.salary_period ?? undefined,
  };
}
