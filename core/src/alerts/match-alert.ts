import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobType, LocationType } from '../db/entities/ids.js';

/** What an alert email shows of one job. */
export interface AlertJob {
  id: string;
  title: string;
  company: string;
  city: string | null;
  /** Two-letter province code. */
  province: string | null;
  jobType: JobType;
  locationType: LocationType;
  deadline: Date | null;
  createdAt: Date;
}

/** Anything that runs raw SQL with `?` placeholders inside the caller's transaction (an EntityManager). */
export type SqlRunner = Pick<EntityManager, 'execute'>;

/**
 * How far before `lastRunAt` each pass looks again. A job's `created_at` is its inserting
 * transaction's start, so a batch that began just before a pass and committed just after it would
 * otherwise fall behind the alert's place for good; jobs already recorded for the alert are
 * excluded anyway, so looking again costs nothing but a few rows.
 */
export const MATCH_OVERLAP_MS = 10 * 60_000;

/** The most jobs one email lists; the rest stay candidates for the next pass. */
export const MAX_JOBS_PER_EMAIL = 50;

/**
 * One filter key of the alert (`a.filters`) against a job column: a list of values (any of them),
 * a single string, or absent/empty (no restriction). Written in SQL so one query serves one alert
 * and many alerts alike; no `?` jsonb operator, which the query builder would read as a placeholder.
 */
function anyOf(key: string, column: string, normalize = (v: string) => v): string {
  const value = `a.filters->'${key}'`;
  return `(case jsonb_typeof(${value})
      when 'array' then jsonb_array_length(${value}) = 0
        or ${column} = any(array(select ${normalize('v')} from jsonb_array_elements_text(${value}) as v))
      when 'string' then ${value} #>> '{}' = '' or ${column} = ${normalize(`${value} #>> '{}'`)}
      else true end)`;
}

/**
 * The condition "job `j` matches alert `a`", with `q.tsq` the alert's parsed query. An empty query,
 * or one made only of stop words, matches every job (the filters alone decide).
 */
export const ALERT_MATCHES_JOB_SQL = `(numnode(q.tsq) = 0 or j.search_vector @@ q.tsq)
    and ${anyOf('jobType', 'j.job_type')}
    and ${anyOf('term', 'j.term')}
    and ${anyOf('locationType', 'j.location_type')}
    and ${anyOf('province', 'j.province_code', (v) => `upper(${v})`)}`;

/** Joins an alert row `a` to its parsed query `q`; put it right after `from job_alerts a`. */
export const ALERT_QUERY_JOIN_SQL = `cross join lateral (select websearch_to_tsquery('english', coalesce(a.query, '')) as tsq) q`;

export interface MatchOptions {
  /** At most this many jobs, oldest first (default `MAX_JOBS_PER_EMAIL`). */
  limit?: number;
  /**
   * Any active matching job, newest first, sent or not, whenever created (for previews).
   * Default false: only jobs created since the alert last ran and never recorded for it.
   */
  ignoreHistory?: boolean;
}

/** The job columns (`j`) an alert email needs; map the rows with `toAlertJob`. */
export const ALERT_JOB_COLUMNS_SQL = `j.id, j.title, j.company_name, j.city, j.province_code, j.job_type, j.location_type,
  j.application_deadline, j.created_at`;

export interface AlertJobRow {
  id: string;
  title: string;
  company_name: string;
  city: string | null;
  province_code: string | null;
  job_type: JobType;
  location_type: LocationType;
  application_deadline: Date | string | null;
  created_at: Date | string;
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

export function toAlertJob(r: AlertJobRow): AlertJob {
  return {
    id: r.id,
    title: r.title,
    company: r.company_name,
    city: r.city,
    province: r.province_code,
    jobType: r.job_type,
    locationType: r.location_type,
    deadline: toDate(r.application_deadline),
    createdAt: toDate(r.created_at)!,
  };
}

/**
 * The active jobs an alert's next email would list: its query (`websearch_to_tsquery('english')`
 * on the jobs' search vector) and filters, over jobs created after its `lastRunAt` (its `createdAt`
 * the first time) that are not yet in `AlertDelivery` for it. One job once, not once per copy: only
 * a cluster's representative (as search shows it), and none of a cluster one of whose copies the
 * alert already sent (a new copy that joins, even as the new representative, is not news). One SQL
 * query; oldest first.
 *
 * @example
 * const jobs = await matchAlert(orm.em.fork(), alert.id);
 */
export async function matchAlert(em: SqlRunner, alertId: string, options: MatchOptions = {}): Promise<AlertJob[]> {
  const limit = Math.max(1, Math.min(options.limit ?? MAX_JOBS_PER_EMAIL, 1000));
  const history = options.ignoreHistory
    ? 'order by j.created_at desc, j.id desc'
    : `and j.created_at > greatest(a.created_at, coalesce(a.last_run_at, a.created_at) - ?::interval)
       and not exists (select 1 from alert_deliveries d where d.alert_id = a.id and d.job_id = j.id)
       and not exists (select 1 from alert_deliveries d join jobs o on o.id = d.job_id
                        where d.alert_id = a.id and j.cluster_id is not null and o.cluster_id = j.cluster_id)
       order by j.created_at, j.id`;
  const rows = await em.execute<AlertJobRow[]>(
    `select ${ALERT_JOB_COLUMNS_SQL}
       from job_alerts a
       ${ALERT_QUERY_JOIN_SQL}
       join jobs j on j.is_active and j.is_representative and ${ALERT_MATCHES_JOB_SQL}
      where a.id = ?
        ${history}
      limit ?`,
    options.ignoreHistory ? [alertId, limit] : [alertId, `${MATCH_OVERLAP_MS} milliseconds`, limit],
  );
  return rows.map(toAlertJob);
}
