import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { DataSource } from './data-source.js';

/**
 * A listed posting of a source that a run read and did not keep: the pipeline dropped it (a senior
 * role, a passed deadline) or the plugin called `ctx.markSkipped` (its page gone, unparseable). It
 * has no job row, yet `ctx.known` knows it (with `skipped`), so the next runs do not read its page
 * again while the listing says it is unchanged and it was read within the max detail age.
 * Kept from successful runs only; a row the last successful run did not see is dropped.
 */
export const SkippedPosting = defineEntity({
  name: 'SkippedPosting',
  tableName: 'skipped_postings',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    source: p.manyToOne(DataSource).deleteRule('cascade'),
    externalId: p.text(),
    reason: p.text(),
    /** When its page was last read (or confirmed by a 304). */
    readAt: p.datetime(),
    /** When a run last listed it. */
    lastSeenAt: p.datetime(),
  }),
  uniques: [{ properties: ['source', 'externalId'] }],
});
export type ISkippedPosting = InferEntity<typeof SkippedPosting>;
