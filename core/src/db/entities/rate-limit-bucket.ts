import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * One fixed window of a rate limit (`login:ip:203.0.113.9` from 10:00 to 10:15 → 7 hits). Kept in
 * Postgres and bumped with one atomic upsert, so the limit holds across every API process.
 */
export const RateLimitBucket = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limit_buckets',
  properties: (p) => ({
    key: p.string().primary().length(300),
    windowStart: p.datetime().primary().index(),
    count: p.integer().default(0),
  }),
});
export type IRateLimitBucket = InferEntity<typeof RateLimitBucket>;
