import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';

/**
 * A robots.txt answer (status and body) by the URL it was fetched from, shared by every source
 * crawling that origin. A run uses one younger than 24 hours instead of asking again (RFC 9309 §2.4
 * allows that long); failures and 5xx answers are never stored.
 */
export const RobotsFile = defineEntity({
  name: 'RobotsFile',
  tableName: 'robots_files',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    url: p.text().unique(),
    status: p.integer(),
    body: p.text(),
    fetchedAt: p.datetime(),
  }),
});
export type IRobotsFile = InferEntity<typeof RobotsFile>;
