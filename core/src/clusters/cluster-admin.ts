import type { Connection } from '@mikro-orm/core';
import { newId } from '../db/entities/ids.js';
import type { ClusterLinkEvidence } from '../db/entities/job-cluster-member.js';

/** One member of a cluster as an admin sees it: the copy, its source, and why it was joined. */
export interface ClusterMemberView {
  jobId: string;
  title: string;
  companyName: string;
  originalUrl: string;
  isActive: boolean;
  isRepresentative: boolean;
  source: { id: string; name: string; pluginId: string | null; sourceType: string };
  /** The matcher's score against `matchedJobId` when the job joined (or was last re-checked). */
  score: number;
  matchedJobId: string | null;
  evidence: ClusterLinkEvidence;
  joinedAt: Date;
}

/** A cluster: its representative, its members, and the pairs split out of it. */
export interface ClusterView {
  id: string;
  representativeJobId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: ClusterMemberView[];
  /** Pairs an admin split that involve a current or former member: never joined again. */
  splits: { jobAId: string; jobBId: string; createdAt: Date }[];
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** The cluster with its members (representative first, then by join time), or undefined when there is none. */
export async function readCluster(conn: Connection, clusterId: string): Promise<ClusterView | undefined> {
  const [cluster] = (await conn.execute(
    'select id, representative_job_id, created_at, updated_at from job_clusters where id = ?', [clusterId],
  )) as { id: string; representative_job_id: string | null; created_at: Date; updated_at: Date }[];
  if (!cluster) return undefined;
  const members = (await conn.execute(
    `select j.id as "jobId", j.title, j.company_name as "companyName", j.original_url as "originalUrl", j.is_active as "isActive",
            j.is_representative as "isRepresentative", s.id as "sourceId", s.name as "sourceName", s.plugin_id as "pluginId",
            s.source_type as "sourceType", m.score, m.matched_job_id as "matchedJobId", m.evidence, m.joined_at as "joinedAt"
       from job_cluster_members m join jobs j on j.id = m.job_id join data_sources s on s.id = j.source_id
      where m.cluster_id = ?
      order by j.is_representative desc, m.joined_at, j.id`,
    [clusterId],
  )) as (Omit<ClusterMemberView, 'source' | 'joinedAt'> & {
    sourceId: string; sourceName: string; pluginId: string | null; sourceType: string; joinedAt: Date | string;
  })[];
  const splits = (await conn.execute(
    `select x.job_a_id, x.job_b_id, x.created_at from job_cluster_splits x
      where exists (select 1 from job_cluster_members m where m.cluster_id = ? and m.job_id in (x.job_a_id, x.job_b_id))
      order by x.created_at, x.id`,
    [clusterId],
  )) as { job_a_id: string; job_b_id: string; created_at: Date }[];
  return {
    id: cluster.id,
    representativeJobId: cluster.representative_job_id,
    createdAt: asDate(cluster.created_at),
    updatedAt: asDate(cluster.updated_at),
    members: members.map(({ sourceId, sourceName, pluginId, sourceType, ...m }) => ({
      ...m,
      score: Number(m.score),
      source: { id: sourceId, name: sourceName, pluginId, sourceType },
      joinedAt: asDate(m.joinedAt),
    })),
    splits: splits.map((s) => ({ jobAId: s.job_a_id, jobBId: s.job_b_id, createdAt: asDate(s.created_at) })),
  };
}

/** What a split did; `undefined` from {@link splitFromCluster} when the job is not in that cluster. */
export interface SplitResult {
  /** The pairs recorded as "never one job" (the job with each other member). */
  pairs: number;
}

/**
 * Takes `jobId` out of `clusterId` for good: it becomes its own search result, and a split pair is
 * recorded with every other member (archived ones too), so the clustering stage never joins them
 * again, whichever source is crawled next. Under the clustering stage's locks for the job's employer
 * keys, so a crawl clustering at the same moment sees the split. The cluster keeps its other members
 * (one is fine) and gets its representative re-picked.
 */
export async function splitFromCluster(conn: Connection, clusterId: string, jobId: string, splitBy: string | null): Promise<SplitResult | undefined> {
  return conn.transactional(async (trx) => {
    const run = async <T>(sql: string, params: unknown[]): Promise<T> => (await conn.execute(sql, params, 'all', trx)) as T;
    const [job] = await run<{ id: string }[]>('select id from jobs where id = ?', [jobId]);
    if (!job) return undefined;
    // The clustering stage's locks for each of the job's employer keys, in its order.
    await run(
      `select pg_advisory_xact_lock(hashtextextended('pf:cluster:' || k.key, 0))
         from (select distinct unnest(company_block_keys || company_acronyms) as key from jobs where id = ? order by 1) k`,
      [jobId],
    );
    const [member] = await run<{ id: string }[]>('select id from job_cluster_members where cluster_id = ? and job_id = ? for update', [clusterId, jobId]);
    if (!member) return undefined;
    const others = await run<{ job_id: string }[]>('select job_id from job_cluster_members where cluster_id = ? and job_id <> ?', [clusterId, jobId]);
    const pairs = others.map((o) => (o.job_id < jobId ? [o.job_id, jobId] : [jobId, o.job_id]));
    if (pairs.length) {
      await run(
        `insert into job_cluster_splits (id, job_a_id, job_b_id, created_by_id, created_at)
         select x.id, x.a, x.b, ?, now() from jsonb_to_recordset(?::jsonb) as x(id text, a text, b text)
         on conflict (job_a_id, job_b_id) do nothing`,
        [splitBy, JSON.stringify(pairs.map(([a, b]) => ({ id: newId(), a, b })))],
      );
    }
    await run('delete from job_cluster_members where id = ?', [member.id]);
    await run('update jobs set cluster_id = null, is_representative = true where id = ?', [jobId]);
    await run('select pathfinder_pick_cluster_representatives(array[?::text])', [clusterId]);
    return { pairs: pairs.length };
  });
}
