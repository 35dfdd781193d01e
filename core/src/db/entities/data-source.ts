import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId, SOURCE_TYPES } from './ids.js';
import { User } from './user.js';

/**
 * Where jobs come from: a plugin (source type `scraper`), an employer's own postings (`employer`)
 * or hand-entered jobs (`manual`). Plugin rows are written by the registry from the manifest.
 */
export const DataSource = defineEntity({
  name: 'DataSource',
  tableName: 'data_sources',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    name: p.string().length(200).unique(),
    sourceType: p.enum([...SOURCE_TYPES]).default('scraper'),
    baseUrl: p.text().nullable(),
    crawlDelaySeconds: p.integer().default(5),
    disallowedPaths: p.array().default([]),
    contactFirstName: p.string().length(100).nullable(),
    contactLastName: p.string().length(100).nullable(),
    contactEmail: p.string().length(320).nullable(),
    contactPhone: p.string().length(40).nullable(),
    preferredContact: p.string().length(40).nullable(),
    availableForEvents: p.boolean().default(false),
    isSponsor: p.boolean().default(false),
    canworksHires: p.integer().default(0),
    employeeCount: p.string().length(40).nullable(),
    updateProhibited: p.boolean().default(false),
    feedMethod: p.string().length(40).nullable(),
    employerUser: p.manyToOne(User).nullable().deleteRule('set null').index(),
    specialNotes: p.text().nullable(),
    /** The plugin behind this source (`civicjobs`), null for employer and manual sources. */
    pluginId: p.string().length(40).nullable().unique(),
    pluginVersion: p.string().length(40).nullable(),
    sdkRange: p.string().length(60).nullable(),
    enabled: p.boolean().default(true),
    /** The manifest's cron schedule; `scheduleOverride` (set by an admin) wins when present. */
    schedule: p.string().length(120).nullable(),
    scheduleOverride: p.string().length(120).nullable(),
    pluginConfig: p.json<Record<string, unknown>>().default('{}'),
    crawlState: p.json<Record<string, unknown>>().default('{}'),
    consecutiveFailures: p.integer().default(0),
    pausedAt: p.datetime().nullable(),
    pauseReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IDataSource = InferEntity<typeof DataSource>;
