import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId, PARTIAL_REASONS, SCRAPE_STATUSES } from './ids.js';
import { DataSource } from './data-source.js';

/**
 * One crawl of one source: `queued` (waiting for a worker), `running`, then `success`, `partial`
 * (ran to its end but archived nothing: `partialReason` and `partialMessage` say why), `failed` or `aborted`.
 */
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
    /** Set when `status` is `partial`: what kept the run from archiving. */
    partialReason: p.enum([...PARTIAL_REASONS]).nullable(),
    /** The same for a person, e.g. "The run saw no posting; the source's 10 active jobs were kept". */
    partialMessage: p.text().nullable(),
    /** Live counters while `running` (written at most every ~2 s), cleared when the run ends. */
    progress: p.json<RunProgress>().nullable(),
    /** Samples of skipped and invalid postings, for the admin to see why. */
    details: p.json<Record<string, unknown>>().default('{}'),
  }),
  indexes: [{ properties: ['source', 'startedAt'] }, { properties: ['status'] }],
});
export type IScrapeLog = InferEntity<typeof ScrapeLog>;

/** A running crawl's live counters, as stored in `scrape_logs.progress` and shown by the admin API. */
export interface RunProgress {
  requests: number;
  /** Postings the plugin yielded so far. */
  postings: number;
  /** Postings skipped (senior roles, duplicates) or invalid so far. */
  skipped: number;
  /** When the next request is due (ISO time on the crawl's clock), or null when none is waiting. */
  nextRequestAt: string | null;
  /** When these counters were written (ISO time). */
  updatedAt: string;
}
