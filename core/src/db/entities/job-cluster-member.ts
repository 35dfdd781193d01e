import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { Job } from './job.js';
import { JobCluster } from './job-cluster.js';

/** What decided a link: the matcher's features, its veto if any, and the threshold it was held to. */
export interface ClusterLinkEvidence {
  features: Record<string, number | undefined>;
  veto?: string;
  threshold: number;
}

/**
 * One job's place in a cluster, with why it is there: the member it matched, the score and the
 * features (so an admin can see why two jobs were joined). A job is in one cluster at most.
 */
export const JobClusterMember = defineEntity({
  name: 'JobClusterMember',
  tableName: 'job_cluster_members',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    cluster: p.manyToOne(JobCluster).deleteRule('cascade').index(),
    job: p.manyToOne(Job).deleteRule('cascade').unique(),
    /** The member it was compared with when it joined (or, for the first two, each other). */
    matchedJob: p.manyToOne(Job).nullable().deleteRule('set null'),
    score: p.double().$type<number>(),
    evidence: p.json<ClusterLinkEvidence>(),
    joinedAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IJobClusterMember = InferEntity<typeof JobClusterMember>;
