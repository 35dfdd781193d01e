import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthState } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { JOB_DETAIL_SQL, type JobDetailRow } from './job-dto.js';

/** Loads one job with its source, or 404. */
export async function loadJob(em: EntityManager, id: string): Promise<JobDetailRow> {
  const [row] = await em.getConnection().execute<JobDetailRow[]>(`${JOB_DETAIL_SQL} where j.id = ?`, [id]);
  if (!row) throw ApiError.notFound('No job with that id.');
  return row;
}

/**
 * Loads one job for a public read (`GET /jobs/{id}`, the job's page): from the read replica when
 * there is one (DATABASE_READ_URL). A job the replica does not have yet — created a moment ago and
 * not replayed there — is looked up on the primary before answering 404, so the employer who just
 * posted it sees it. Without a replica this is `loadJob`.
 */
export async function loadJobForReading(em: EntityManager, id: string): Promise<JobDetailRow> {
  const replica = em.getConnection('read');
  if (replica === em.getConnection('write')) return loadJob(em, id);
  const [row] = await replica.execute<JobDetailRow[]>(`${JOB_DETAIL_SQL} where j.id = ?`, [id]);
  return row ?? loadJob(em, id);
}

/** True for an admin, or for the employer whose own source the job belongs to. */
export function canManage(auth: AuthState | null, job: Pick<JobDetailRow, 'sourceType' | 'employerUserId'>): boolean {
  if (!auth) return false;
  if (auth.user.role === 'admin') return true;
  return auth.user.role === 'employer' && job.sourceType === 'employer' && job.employerUserId === auth.user.id;
}

/** 403 unless {@link canManage}. */
export function assertCanManage(auth: AuthState | null, job: Pick<JobDetailRow, 'sourceType' | 'employerUserId'>): void {
  if (!canManage(auth, job)) throw ApiError.forbidden('Only an admin or the employer who posted this job can change it.');
}
