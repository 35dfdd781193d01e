import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

/** What a saved-jobs list shows of a job (archived jobs stay listed with `isActive: false`). */
export const SavedJobSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  companyName: Type.String(),
  jobType: Type.String({ description: 'coop | internship | new_grad' }),
  term: Nullable(Type.String()),
  locationType: Type.String({ description: 'remote | hybrid | onsite' }),
  city: Nullable(Type.String()),
  province: Nullable(Type.String()),
  withPay: Type.Boolean(),
  remoteCanada: Type.Boolean(),
  applicationDeadline: Nullable(DateTime),
  datePosted: Nullable(DateTime),
  isActive: Type.Boolean(),
});

export const SavedJobSchema = Type.Object({
  jobId: Type.String(),
  savedAt: DateTime,
  job: SavedJobSummary,
});
export type SavedJobDto = Static<typeof SavedJobSchema>;

export interface SavedJobRow {
  saved_id: string;
  saved_at: Date;
  id: string;
  title: string;
  company_name: string;
  job_type: string;
  term: string | null;
  location_type: string;
  city: string | null;
  province_code: string | null;
  with_pay: boolean;
  remote_canada: boolean;
  application_deadline: Date | null;
  date_posted: Date | null;
  is_active: boolean;
}

export const SAVED_JOBS_SQL = `select s.id as saved_id, s.created_at as saved_at, j.id, j.title, j.company_name, j.job_type, j.term,
  j.location_type, j.city, j.province_code, j.with_pay, j.remote_canada, j.application_deadline, j.date_posted, j.is_active
  from saved_jobs s join jobs j on j.id = s.job_id`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toSavedJobDto(row: SavedJobRow): SavedJobDto {
  return {
    jobId: row.id,
    savedAt: iso(row.saved_at)!,
    job: {
      id: row.id,
      title: row.title,
      companyName: row.company_name,
      jobType: row.job_type,
      term: row.term,
      locationType: row.location_type,
      city: row.city,
      province: row.province_code,
      withPay: row.with_pay,
      remoteCanada: row.remote_canada,
      applicationDeadline: iso(row.application_deadline),
      datePosted: iso(row.date_posted),
      isActive: row.is_active,
    },
  };
}
