import type { Connection } from '@mikro-orm/core';
import { newId } from '../db/entities/ids.js';
import type { ClusterLinkEvidence } from '../db/entities/job-cluster-member.js';
import { companySimilarity, DEFAULT_MATCH_THRESHOLD, matchPostings, SAME_EMPLOYER_MIN, type MatchResult } from '../dedupe/index.js';
import { CLUSTER_JOB_COLUMNS, toMatchable, type ClusterJobRow } from './posting-row.js';

/** What one pass of the clustering stage changed. */
export interface ClusterStageResult {
  /** Jobs that joined a cluster (a new one or an existing one). */
  joined: number;
  /** Clusters created. */
  created: number;
  /** Jobs that left their cluster because they no longer match any active member. */
  left: number;
  /** Clusters merged into another because a job matched both (see `clusterJobs`). */
  merged: number;
}

export interface ClusterOptions {
  /** The matcher's threshold (default `DEFAULT_MATCH_THRESHOLD`). */
  threshold?: number;
  /**
   * The most candidates read per employer key (`jobs.company_block_keys`), newest first: a large
   * employer with thousands of active jobs, or an acronym many employers share, costs a bounded
   * number of comparisons per posting.
   */
  candidatesPerEmployer?: number;
}

interface MemberWrite {
  id: string;
  cluster_id: string;
  job_id: string;
  matched_job_id: string;
  score: number;
  evidence: ClusterLinkEvidence;
}

const json = (v: unknown) => JSON.stringify(v);
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
/** Whether two jobs are in one block: a shared key, or one's key is the other's acronym ("RBC" / "Royal Bank of Canada"). */
const sharesKey = (a: ClusterJobRow, b: ClusterJobRow) =>
  a.company_block_keys.some((k) => b.company_block_keys.includes(k) || b.company_acronyms.includes(k))
  || a.company_acronyms.some((k) => b.company_block_keys.includes(k));

type Run = <T>(sql: string, params: unknown[]) => Promise<T>;

/**
 * Each employer key's newest active jobs at the other sources (at most `perEmployer` per key):
 * jobs with the key or the acronym as their key, and jobs whose acronym the key is. The GINs on
 * `(company_block_keys, source_id)` and `(company_acronyms, source_id)` are read once per other
 * source, so a batch's own source's jobs under the same employers (thousands, for a board with one
 * big employer, or for any source's later batches of the same employers) are never read from the
 * table to be thrown away: bench:ingest spent 2.5 s of 20,000 postings on that (63 ms a batch,
 * growing with the table). Then ranked per key; a job found under two keys is read once.
 */
async function findCandidates(run: Run, b: { keys: string[]; acronyms: string[]; sources: string; perEmployer: number }): Promise<ClusterJobRow[]> {
  const others = (await run<{ id: string }[]>(
    'select id from data_sources where id <> all(array(select jsonb_array_elements_text(?::jsonb))) order by id', [b.sources],
  )).map((r) => r.id);
  if (others.length === 0) return [];
  const lookFor = json([...new Set([...b.keys, ...b.acronyms])]);
  const parts: string[] = [];
  const params: unknown[] = [];
  // A job's keys match the batch's keys or acronyms; a job's acronyms match the batch's keys.
  for (const [column, tag, wanted] of [['company_block_keys', 'k', lookFor], ['company_acronyms', 'a', json(b.keys)]] as const) {
    for (const source of others) {
      parts.push(`select j.id, '${tag}' as col, k.key, j.created_at from jobs j cross join lateral unnest(j.${column}) as k(key)
         where j.is_active and j.source_id = ? and j.${column} && array(select jsonb_array_elements_text(?::jsonb))
           and k.key = any(array(select jsonb_array_elements_text(?::jsonb)))`);
      params.push(source, wanted, wanted);
    }
  }
  return run<ClusterJobRow[]>(
    `select ${CLUSTER_JOB_COLUMNS} from jobs j where j.id in (
       select f.id from (select id, row_number() over (partition by col, key order by created_at desc, id) as rn
                           from (${parts.join(' union all ')}) found) f
        where f.rn <= ?)
      order by j.id`,
    [...params, b.perEmployer],
  );
}

/**
 * The clustering stage, run after a batch of jobs is written (crawl or hand-posted) with the ids it
 * inserted or rewrote. Candidates are blocked cheaply in SQL (active jobs of other sources sharing one
 * of the job's employer keys: its folded name, canonical words or acronym forms, so "RBC" meets "Royal
 * Bank of Canada"; see `companyBlockKeys`), then scored with `matchPostings`. A job joins the cluster of its
 * best-scoring match when it reaches the threshold against that member, no active member vetoes it
 * (two terms, two places, one board's two postings…) and no member was split from it by an admin;
 * otherwise a match with an unclustered job starts a cluster of the two. A job already in a cluster
 * stays while it still matches an active member, and leaves when its new content matches none.
 * A job matching two groups joins the better; the other becomes part of the same cluster when no
 * pair across them was split by an admin or vetoes the other (a cluster merged away keeps its members'
 * own links and is deleted). Each member keeps its
 * score and the evidence that decided it; the representatives are re-picked in the database
 * (`pathfinder_pick_cluster_representatives`).
 *
 * One transaction, under one advisory lock per employer key of the batch (taken in order): two jobs
 * that can be compared share a key, so two sources' crawls clustering copies of one job at the same
 * moment wait for each other rather than make two clusters of it.
 */
export async function clusterJobs(conn: Connection, jobIds: string[], options: ClusterOptions = {}): Promise<ClusterStageResult> {
  const result: ClusterStageResult = { joined: 0, created: 0, left: 0, merged: 0 };
  if (jobIds.length === 0) return result;
  const threshold = options.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const perEmployer = options.candidatesPerEmployer ?? 300;
  return conn.transactional(async (trx) => {
    const run = async <T>(sql: string, params: unknown[]): Promise<T> => (await conn.execute(sql, params, 'all', trx)) as T;
    const ids = json([...new Set(jobIds)]);
    await run(
      `select pg_advisory_xact_lock(hashtextextended('pf:cluster:' || k.key, 0))
         from (select distinct unnest(company_block_keys || company_acronyms) as key from jobs
                where id = any(array(select jsonb_array_elements_text(?::jsonb))) order by 1) k`,
      [ids],
    );
    const batch = await run<ClusterJobRow[]>(
      `select ${CLUSTER_JOB_COLUMNS} from jobs j where j.id = any(array(select jsonb_array_elements_text(?::jsonb))) order by j.id`, [ids],
    );
    const keys = [...new Set(batch.flatMap((r) => r.company_block_keys))];
    const acronyms = [...new Set(batch.flatMap((r) => r.company_acronyms))];
    const sources = json([...new Set(batch.map((r) => r.source_id))]);
    const candidates = keys.length + acronyms.length === 0 ? [] : await findCandidates(run, { keys, acronyms, sources, perEmployer });
    const rows = new Map<string, ClusterJobRow>();
    for (const r of [...batch, ...candidates]) rows.set(r.id, r);
    const clusterIds = [...new Set([...rows.values()].flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])))];
    if (clusterIds.length) {
      const members = await run<ClusterJobRow[]>(
        `select ${CLUSTER_JOB_COLUMNS} from jobs j where j.cluster_id = any(array(select jsonb_array_elements_text(?::jsonb)))`, [json(clusterIds)],
      );
      for (const m of members) if (!rows.has(m.id)) rows.set(m.id, m);
    }
    // The splits of every job read, not only the batch's: merging two clusters checks every pair across them.
    const readIds = json([...rows.keys()]);
    const splits = new Set(
      (await run<{ job_a_id: string; job_b_id: string }[]>(
        `select job_a_id, job_b_id from job_cluster_splits
          where job_a_id = any(array(select jsonb_array_elements_text(?::jsonb))) or job_b_id = any(array(select jsonb_array_elements_text(?::jsonb)))`,
        [readIds, readIds],
      )).map((s) => pairKey(s.job_a_id, s.job_b_id)),
    );

    // Cluster membership as it stands, changed in memory as the batch is processed in order.
    const clusterOf = new Map<string, string | null>();
    const membersOf = new Map<string, Set<string>>();
    for (const r of rows.values()) {
      clusterOf.set(r.id, r.cluster_id);
      if (r.cluster_id) (membersOf.get(r.cluster_id) ?? membersOf.set(r.cluster_id, new Set()).get(r.cluster_id)!).add(r.id);
    }
    const matchCache = new Map<string, MatchResult>();
    const match = (a: ClusterJobRow, b: ClusterJobRow) => {
      const key = `${a.id}|${b.id}`;
      let m = matchCache.get(key);
      if (!m) matchCache.set(key, (m = matchPostings(toMatchable(a), toMatchable(b), threshold)));
      return m;
    };
    const evidence = (m: MatchResult): ClusterLinkEvidence => ({ features: { ...m.features }, ...(m.veto ? { veto: m.veto } : {}), threshold });

    const newClusters: string[] = [];
    const merges: { from: string; into: string }[] = [];
    const leaving: string[] = [];
    const memberWrites = new Map<string, MemberWrite>();
    const touched = new Set<string>();

    /** The best link of `job` into the group, or undefined when the group cannot take it. */
    const linkInto = (job: ClusterJobRow, group: Iterable<string>) => {
      let best: { member: ClusterJobRow; result: MatchResult } | undefined;
      for (const id of group) {
        if (id === job.id) continue;
        if (splits.has(pairKey(id, job.id))) return undefined;
        const member = rows.get(id)!;
        if (!member.is_active) continue;
        const result = match(job, member);
        if (result.veto) return undefined;
        if (!best || result.score > best.result.score) best = { member, result };
      }
      return best && best.result.same ? best : undefined;
    };

    type Link = { cluster: string | null; member: ClusterJobRow; result: MatchResult };
    /** Every candidate group that would take `job`: a cluster (all its members), or an unclustered job on its own; each once. */
    const linksOf = (job: ClusterJobRow): Link[] => {
      const links: Link[] = [];
      const seenClusters = new Set<string>();
      for (const candidate of rows.values()) {
        if (candidate.id === job.id || candidate.source_id === job.source_id || !candidate.is_active || !sharesKey(job, candidate)) continue;
        // A wider block's other employers ("Red Brick Construction" under "rbc"): the matcher would veto them
        // (and with them any cluster they are in), so skip the whole comparison.
        if (candidate.company_key !== job.company_key && companySimilarity(job.company_name, candidate.company_name) < SAME_EMPLOYER_MIN) continue;
        const cluster = clusterOf.get(candidate.id) ?? null;
        if (cluster) {
          if (seenClusters.has(cluster)) continue;
          seenClusters.add(cluster);
        }
        const link = linkInto(job, cluster ? membersOf.get(cluster)! : [candidate.id]);
        if (link) links.push({ cluster, ...link });
      }
      return links.sort((a, b) => b.result.score - a.result.score);
    };

    /**
     * Two groups may become one when no pair across them was split by an admin and no active pair
     * vetoes the other (two terms, two places, two employers…): the same rule a single job meets to join.
     */
    const canMerge = (a: Iterable<string>, b: Iterable<string>) => {
      const bs = [...b];
      for (const x of a) {
        for (const y of bs) {
          if (x === y) continue;
          if (splits.has(pairKey(x, y))) return false;
          const rx = rows.get(x)!;
          const ry = rows.get(y)!;
          if (rx.is_active && ry.is_active && match(rx, ry).veto) return false;
        }
      }
      return true;
    };

    /**
     * `job` is in `cluster` now; the other groups it also matches are the same job too (a copy that
     * bridges two wordings, or two clusters formed before their employers' keys met): they join
     * `cluster` when they can merge with all of it. A merged cluster keeps its members' own links.
     */
    const absorb = (job: ClusterJobRow, cluster: string) => {
      for (const link of linksOf(job)) {
        if (link.cluster === cluster || clusterOf.get(link.member.id) === cluster) continue;
        const group = link.cluster ? membersOf.get(link.cluster) : undefined;
        if (link.cluster && !group) continue; // merged away earlier in this batch
        if (!canMerge(membersOf.get(cluster)!, group ?? [link.member.id])) continue;
        if (link.cluster) {
          for (const id of group!) {
            membersOf.get(cluster)!.add(id);
            clusterOf.set(id, cluster);
            const pending = memberWrites.get(id);
            if (pending) pending.cluster_id = cluster;
          }
          membersOf.delete(link.cluster);
          touched.delete(link.cluster);
          merges.push({ from: link.cluster, into: cluster });
          result.merged++;
        } else {
          membersOf.get(cluster)!.add(link.member.id);
          clusterOf.set(link.member.id, cluster);
          memberWrites.set(link.member.id, { id: newId(), cluster_id: cluster, job_id: link.member.id, matched_job_id: job.id, score: link.result.score, evidence: evidence(link.result) });
          result.joined++;
        }
        touched.add(cluster);
      }
    };

    for (const job of batch) {
      const current = clusterOf.get(job.id) ?? null;
      if (current) {
        const others = [...membersOf.get(current)!].filter((id) => id !== job.id && rows.get(id)!.is_active);
        // Nothing active left to compare with: it stays, as a cluster of one active copy may.
        if (others.length === 0) continue;
        const link = linkInto(job, membersOf.get(current)!);
        if (link) {
          touched.add(current);
          memberWrites.set(job.id, { id: newId(), cluster_id: current, job_id: job.id, matched_job_id: link.member.id, score: link.result.score, evidence: evidence(link.result) });
          if (job.is_active) absorb(job, current);
          continue;
        }
        membersOf.get(current)!.delete(job.id);
        clusterOf.set(job.id, null);
        leaving.push(job.id);
        memberWrites.delete(job.id);
        touched.add(current);
        result.left++;
      }
      if (!job.is_active) continue;

      // The best-scoring group takes it.
      const best = linksOf(job)[0];
      if (!best) continue;
      let cluster = best.cluster;
      if (!cluster) {
        cluster = newId();
        newClusters.push(cluster);
        membersOf.set(cluster, new Set([best.member.id]));
        clusterOf.set(best.member.id, cluster);
        memberWrites.set(best.member.id, { id: newId(), cluster_id: cluster, job_id: best.member.id, matched_job_id: job.id, score: best.result.score, evidence: evidence(best.result) });
        result.created++;
        result.joined++;
      }
      membersOf.get(cluster)!.add(job.id);
      clusterOf.set(job.id, cluster);
      memberWrites.set(job.id, { id: newId(), cluster_id: cluster, job_id: job.id, matched_job_id: best.member.id, score: best.result.score, evidence: evidence(best.result) });
      touched.add(cluster);
      result.joined++;
      absorb(job, cluster);
    }

    await write(run, { newClusters, merges, leaving, members: [...memberWrites.values()], touched: [...touched] });
    return result;
  });
}

/** Stores the stage's decisions: a few statements whatever the batch size. */
async function write(run: Run, w: { newClusters: string[]; merges: { from: string; into: string }[]; leaving: string[]; members: MemberWrite[]; touched: string[] }) {
  if (w.newClusters.length) {
    await run(`insert into job_clusters (id, created_at, updated_at) select x, now(), now() from jsonb_array_elements_text(?::jsonb) x`, [json(w.newClusters)]);
  }
  if (w.merges.length) {
    // Locked first: a crawl of another employer key adding a member to a merged-away cluster waits
    // for this one (then fails its foreign key and is logged) rather than lose its member to the delete.
    const merged = [...new Set(w.merges.flatMap((m) => [m.from, m.into]))].sort();
    await run(`select id from job_clusters where id = any(array(select jsonb_array_elements_text(?::jsonb))) order by id for update`, [json(merged)]);
  }
  if (w.leaving.length) {
    await run(`delete from job_cluster_members where job_id = any(array(select jsonb_array_elements_text(?::jsonb)))`, [json(w.leaving)]);
    await run(
      `update jobs set cluster_id = null, is_representative = true where id = any(array(select jsonb_array_elements_text(?::jsonb)))`,
      [json(w.leaving)],
    );
  }
  if (w.members.length) {
    await run(
      `insert into job_cluster_members (id, cluster_id, job_id, matched_job_id, score, evidence, joined_at)
       select x.id, x.cluster_id, x.job_id, x.matched_job_id, x.score, x.evidence, now()
         from jsonb_to_recordset(?::jsonb) as x(id text, cluster_id text, job_id text, matched_job_id text, score float8, evidence jsonb)
       on conflict (job_id) do update set cluster_id = excluded.cluster_id, matched_job_id = excluded.matched_job_id,
         score = excluded.score, evidence = excluded.evidence,
         joined_at = case when job_cluster_members.cluster_id = excluded.cluster_id then job_cluster_members.joined_at else excluded.joined_at end`,
      [json(w.members)],
    );
    await run(
      `update jobs j set cluster_id = x.cluster_id from jsonb_to_recordset(?::jsonb) as x(job_id text, cluster_id text)
        where j.id = x.job_id and j.cluster_id is distinct from x.cluster_id`,
      [json(w.members.map((m) => ({ job_id: m.job_id, cluster_id: m.cluster_id })))],
    );
  }
  // In order: a cluster merged into one that is merged later follows it.
  for (const m of w.merges) {
    await run('update job_cluster_members set cluster_id = ? where cluster_id = ?', [m.into, m.from]);
    await run('update jobs set cluster_id = ? where cluster_id = ?', [m.into, m.from]);
    await run('delete from job_clusters where id = ?', [m.from]);
  }
  if (w.touched.length) await run(`select pathfinder_pick_cluster_representatives(array(select jsonb_array_elements_text(?::jsonb)))`, [json(w.touched)]);
}

