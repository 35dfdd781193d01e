import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { JobAlert } from './job-alert.js';
import { Job } from './job.js';

/** One job in one alert's email. Unique per (alert, job): a job is never sent twice to one alert. */
export const AlertDelivery = defineEntity({
  name: 'AlertDelivery',
  tableName: 'alert_deliveries',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    alert: p.manyToOne(JobAlert).deleteRule('cascade'),
    job: p.manyToOne(Job).deleteRule('cascade').index(),
    /** `pending` while the email is being sent; `sent` once the SMTP server accepted it. */
    status: p.string().length(20).default('pending'),
    attempts: p.integer().default(0),
    messageId: p.string().length(300).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  }),
  uniques: [{ properties: ['alert', 'job'] }],
});
export type IAlertDelivery = InferEntity<typeof AlertDelivery>;
