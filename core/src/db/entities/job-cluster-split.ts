import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { Job } from './job.js';
import { User } from './user.js';

/**
 * Two jobs an admin said are not one job: the clustering stage never puts them in one cluster again,
 * whatever later crawls bring. Stored once per pair, the smaller id as `jobA`.
 */
export const JobClusterSplit = defineEntity({
  name: 'JobClusterSplit',
  tableName: 'job_cluster_splits',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    jobA: p.manyToOne(Job).deleteRule('cascade').index(),
    jobB: p.manyToOne(Job).deleteRule('cascade').index(),
    createdBy: p.manyToOne(User).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  uniques: [{ properties: ['jobA', 'jobB'] }],
});
export type IJobClusterSplit = InferEntity<typeof JobClusterSplit>;
