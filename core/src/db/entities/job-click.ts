import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { User } from './user.js';
import { Job } from './job.js';

export const JobClick = defineEntity({
  name: 'JobClick',
  tableName: 'job_clicks',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    job: p.manyToOne(Job).deleteRule('cascade').index(),
    user: p.manyToOne(User).nullable().deleteRule('set null'),
    referrer: p.text().nullable(),
    /** `apply` (the tracked redirect), `api` (POST /analytics/clicks) or `email`. */
    via: p.string().length(20).default('apply'),
    at: p.datetime().onCreate(() => new Date()).index(),
  }),
});
export type IJobClick = InferEntity<typeof JobClick>;
