import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId, SCRAPE_STATUSES } from './ids.js';
import { DataSource } from './data-source.js';

/** One crawl of one source: `queued` (waiting for a worker), `running`, then `success`, `failed` or `aborted`. */
export const ScrapeLog = defineEntity({
  name: 'ScrapeLog',
  tableName: 'scrape_logs',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    source: p.manyToOne(DataSource).deleteRule('cascade').index(),
    status: p.enum([...SCRAPE_STATUSES]).default('running'),
    trigger: p.string().length(20).default('manual'),
    startedAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
    durationMs: p.integer().nullable(),
    jobsFound: p.integer().default(0),
    jobsAdded: p.integer().default(0),
    jobsUpdated: p.integer().default(0),
    jobsUnchanged: p.integer().default(0),
    jobsArchived: p.integer().default(0),
    jobsSkipped: p.integer().default(0),
    jobsInvalid: p.integer().default(0),
    requests: p.integer().default(0),
    pluginVersion: p.string().length(40).nullable(),
    errorMessage: p.text().nullable(),
    errorCode: p.string().length(60).nullable(),
    /** Samples of skipped and invalid postings, for the admin to see why. */
    details: p.json<Record<string, unknown>>().default('{}'),
  }),
  indexes: [{ properties: ['source', 'startedAt'] }, { properties: ['status'] }],
});
export type IScrapeLog = InferEntity<typeof ScrapeLog>;
