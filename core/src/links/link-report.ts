import type { MikroORM } from '@mikro-orm/postgresql';

export interface FailingLink {
  jobId: string;
  title: string;
  companyName: string;
  originalUrl: string;
  sourceId: string;
  sourceName: string;
  failingSince: Date;
  failureCount: number;
  lastError: string | null;
  checkedAt: Date | null;
}

export interface LinkReport {
  /** Active jobs whose link failed on the latest checks (not archived yet). */
  failing: FailingLink[];
  /** Jobs archived by link validation since `since`, counted by reason kind. */
  archived: { gone: number; failing: number; deadline: number };
  /** Active jobs whose link was never checked. */
  neverChecked: number;
  since: Date;
}

/**
 * What link validation found, for the admin's dead-link report: the links failing now (worst
 * first) and what was archived since `since` (default: the last 7 days).
 *
 * @example
 * const report = await linkReport(orm, { limit: 50 });
 */
export async function linkReport(orm: MikroORM, options: { since?: Date; limit?: number } = {}): Promise<LinkReport> {
  const since = options.since ?? new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const conn = orm.em.getConnection();
  const failing = (await conn.execute(
    `select j.id, j.title, j.company_name, j.original_url, j.source_id, s.name as source_name,
            j.link_failing_since, j.link_failure_count, j.link_last_error, j.link_checked_at
       from jobs j join data_sources s on s.id = j.source_id
      where j.is_active and j.link_failure_count > 0
      order by j.link_failing_since asc, j.id
      limit ?`,
    [options.limit ?? 100],
    'all',
  )) as Record<string, unknown>[];
  const [counts] = (await conn.execute(
    `select count(*) filter (where archive_reason in ('HTTP 404', 'HTTP 410'))::int as gone,
            count(*) filter (where archive_reason like 'link: failing since %')::int as failing,
            count(*) filter (where archive_reason = 'deadline passed')::int as deadline
       from jobs where not is_active and archived_at >= ?`,
    [since],
    'all',
  )) as { gone: number; failing: number; deadline: number }[];
  const [never] = (await conn.execute('select count(*)::int as n from jobs where is_active and link_checked_at is null', [], 'all')) as { n: number }[];
  return {
    failing: failing.map((r) => ({
      jobId: r.id as string,
      title: r.title as string,
      companyName: r.company_name as string,
      originalUrl: r.original_url as string,
      sourceId: r.source_id as string,
      sourceName: r.source_name as string,
      failingSince: new Date(r.link_failing_since as string),
      failureCount: r.link_failure_count as number,
      lastError: (r.link_last_error as string | null) ?? null,
      checkedAt: r.link_checked_at ? new Date(r.link_checked_at as string) : null,
    })),
    archived: { gone: counts?.gone ?? 0, failing: counts?.failing ?? 0, deadline: counts?.deadline ?? 0 },
    neverChecked: never?.n ?? 0,
    since,
  };
}
