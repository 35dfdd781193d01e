import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { User } from './user.js';
import { Job } from './job.js';

export const SavedJob = defineEntity({
  name: 'SavedJob',
  tableName: 'saved_jobs',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    user: p.manyToOne(User).deleteRule('cascade'),
    job: p.manyToOne(Job).deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  uniques: [{ properties: ['user', 'job'] }],
});
export type ISavedJob = InferEntity<typeof SavedJob>;
