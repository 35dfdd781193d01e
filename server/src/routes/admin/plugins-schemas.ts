import { Type, type Static } from 'typebox';
import { nextCronTime, PARTIAL_REASONS, SCRAPE_STATUSES, type CrawlInFlight, type PluginStatus } from '@pathfinder/core';
import { SOURCE_ID_PATTERN } from '@pathfinder/sdk';
import { DateTime, Nullable } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';

export const PluginParams = Type.Object({
  id: Type.String({ minLength: 2, maxLength: 40, pattern: SOURCE_ID_PATTERN.source, description: 'The plugin id, e.g. `civicjobs`.' }),
});

const LastRun = Type.Object({
  id: Type.String({ description: 'The run id (its scrape log).' }),
  status: Type.Enum(SCRAPE_STATUSES),
  trigger: Type.String(),
  startedAt: DateTime(),
  completedAt: Nullable(DateTime()),
  jobsFound: Type.Integer(),
  jobsAdded: Type.Integer(),
  errorMessage: Nullable(Type.String()),
  partialReason: Nullable(Type.Enum(PARTIAL_REASONS, { description: 'Why a `partial` run archived nothing: `empty`, `shrunk` or `limited`.' })),
  partialMessage: Nullable(Type.String()),
});

export const AdminPlugin = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.String({ description: 'The installed plugin version.' }),
  sdkRange: Type.String({ description: 'The SDK range the plugin was built for.' }),
  enabled: Type.Boolean(),
  schedule: Type.String({ description: 'The cron schedule in force: the admin override, else the manifest\'s.' }),
  manifestSchedule: Type.String(),
  scheduleOverride: Nullable(Type.String()),
  timezone: Type.String({ description: 'The zone the schedule is read in.' }),
  nextRunAt: Nullable(DateTime('When the schedule fires next; null while disabled or paused.')),
  upcomingRuns: Type.Array(DateTime(), { maxItems: 3, description: 'The next three times the schedule fires (empty while disabled or paused).' }),
  paused: Type.Boolean({ description: 'Paused after repeated failures (or by an admin): no scheduled runs until lifted.' }),
  pausedAt: Nullable(DateTime()),
  pauseReason: Nullable(Type.String()),
  consecutiveFailures: Type.Integer(),
  lastRun: Nullable(LastRun),
  inFlight: Nullable(Type.Object({
    state: Type.Enum(['queued', 'running'] as const),
    runId: Nullable(Type.String()),
  }, { description: 'The crawl queued or running now, if any.' })),
  config: Type.Record(Type.String(), Type.Unknown(), { description: 'The stored settings; `baseUrl` points the source at a mirror.' }),
  configSchema: Nullable(Type.Unknown({ description: 'JSON Schema of the plugin\'s settings (besides `baseUrl`), with defaults.' })),
});

export const PatchPluginBody = Type.Object({
  enabled: Type.Optional(Type.Boolean({ description: 'false removes the schedule, cancels a queued run and stops a running one.' })),
  schedule: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120, description: '5-field cron override; null goes back to the manifest\'s.' }))),
  config: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
    maxProperties: 50,
    description: 'Replaces the stored settings; validated against the plugin\'s configSchema. `baseUrl` (http/https) is always allowed.',
  })),
  paused: Type.Optional(Type.Boolean({ description: 'false lifts a pause (and resets the failure count); true pauses the schedule.' })),
}, { additionalProperties: false, minProperties: 1 });

export const RunAccepted = Type.Object({
  runId: Type.String({ description: 'The scrape log of this run (`queued` until a worker takes it).' }),
});

export function toAdminPlugin(p: PluginStatus, inFlight?: CrawlInFlight): Static<typeof AdminPlugin> {
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    sdkRange: p.sdkRange,
    enabled: p.enabled,
    schedule: p.schedule,
    manifestSchedule: p.manifestSchedule,
    scheduleOverride: p.scheduleOverride,
    timezone: p.timezone,
    nextRunAt: isoTime(p.nextRunAt),
    upcomingRuns: p.nextRunAt ? upcomingRuns(p.schedule, p.nextRunAt, p.timezone, 3) : [],
    paused: p.paused,
    pausedAt: isoTime(p.pausedAt),
    pauseReason: p.pauseReason,
    consecutiveFailures: p.consecutiveFailures,
    lastRun: p.lastRun ? {
      ...p.lastRun, startedAt: isoTime(p.lastRun.startedAt), completedAt: isoTime(p.lastRun.completedAt),
    } : null,
    inFlight: inFlight ? { state: inFlight.state, runId: inFlight.runId ?? null } : null,
    config: p.config,
    configSchema: p.configSchema ?? null,
  };
}

/** `count` fire times of `schedule` starting with `first` (the next run the scheduler reports). */
export function upcomingRuns(schedule: string, first: Date, timezone: string, count: number): string[] {
  const times = [first];
  while (times.length < count) {
    const next = nextCronTime(schedule, times[times.length - 1]!, timezone);
    if (!next) break;
    times.push(next);
  }
  return times.map((d) => d.toISOString());
}

export const SchedulePreviewQuery = Type.Object({
  schedule: Type.String({ minLength: 1, maxLength: 120, description: 'A 5-field cron expression to check.' }),
}, { additionalProperties: false });

export const SchedulePreview = Type.Object({
  schedule: Type.String(),
  timezone: Type.String({ description: 'The zone schedules are read in.' }),
  nextRuns: Type.Array(DateTime(), { description: 'The next three times it would fire.' }),
});
