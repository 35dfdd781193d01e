import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { User } from './user.js';

/** Who did what, when, from where, and how it ended: every admin write and every sign-in. */
export const AccessLog = defineEntity({
  name: 'AccessLog',
  tableName: 'access_logs',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    user: p.manyToOne(User).nullable().deleteRule('set null').index(),
    action: p.string().length(100),
    resource: p.string().length(200).nullable(),
    method: p.string().length(10).nullable(),
    path: p.text().nullable(),
    ip: p.string().length(64).nullable(),
    outcome: p.string().length(20),
    statusCode: p.integer().nullable(),
    details: p.json<Record<string, unknown>>().default('{}'),
    at: p.datetime().onCreate(() => new Date()).index(),
  }),
});
export type IAccessLog = InferEntity<typeof AccessLog>;
