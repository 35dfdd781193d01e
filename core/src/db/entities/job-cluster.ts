import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';

/**
 * Copies of one job found at several sources (a board, another board, the employer's own
 * posting), grouped by the clustering stage (core/src/clusters). Search shows the cluster once: its
 * representative, kept in `representativeJobId` and as `jobs.is_representative`.
 */
export const JobCluster = defineEntity({
  name: 'JobCluster',
  tableName: 'job_clusters',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    /**
     * The copy search shows: employer-posted first, then the most complete, then the oldest; among
     * active members while there are any. A plain id (no foreign key): jobs already point here.
     */
    representativeJobId: p.string().length(32).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IJobCluster = InferEntity<typeof JobCluster>;
