import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ALERT_FREQUENCIES, newId } from './ids.js';
import { User } from './user.js';

/** The filters an alert stores: the same names as the job search's. */
export interface AlertFilters {
  jobType?: string[];
  term?: string[];
  locationType?: string[];
  province?: string[];
  [key: string]: unknown;
}

export const JobAlert = defineEntity({
  name: 'JobAlert',
  tableName: 'job_alerts',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    user: p.manyToOne(User).deleteRule('cascade').index(),
    name: p.string().length(120),
    query: p.text().nullable(),
    filters: p.json<AlertFilters>().default('{}'),
    frequency: p.enum([...ALERT_FREQUENCIES]).default('daily'),
    active: p.boolean().default(true),
    /** Jobs created after this moment are the alert's next candidates. */
    lastRunAt: p.datetime().nullable(),
    lastSentAt: p.datetime().nullable(),
    unsubscribeToken: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IJobAlert = InferEntity<typeof JobAlert>;
