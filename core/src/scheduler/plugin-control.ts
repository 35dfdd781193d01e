import { AddressPolicy, ConfigError, refusedLiteralHost, resolveConfig, type SourceDefinition } from '@pathfinder/sdk';
import { DataSource, ScrapeLog, type IDataSource, type IScrapeLog, type PartialReason } from '../db/entities/index.js';
import type { CrawlResult } from '../engine/crawl-runner.js';
import type { LoadedPlugin } from '../engine/plugin-registry.js';
import { syncDataSources } from '../engine/sync-data-sources.js';
import { CoreError } from '../errors/codes.js';
import { assertCron, nextCronTime } from './cron.js';
import { pluginIdOfSchedule, scheduleQueueName } from './queues.js';
import type { Scheduler } from './scheduler.js';

/** An admin's change to a plugin; absent fields stay as they are. */
export interface PluginPatch {
  enabled?: boolean;
  /** A 5-field cron that overrides the manifest's; `null` goes back to the manifest's. */
  schedule?: string | null;
  /** The plugin's settings, replacing the stored ones (validated against its `configSchema`; `baseUrl` always allowed). */
  config?: Record<string, unknown>;
  /** `false` lifts an (automatic) pause; `true` pauses by hand. */
  paused?: boolean;
}

export interface PluginLastRun {
  id: string;
  status: IScrapeLog['status'];
  trigger: string;
  startedAt: Date;
  completedAt: Date | null;
  jobsFound: number;
  jobsAdded: number;
  errorMessage: string | null;
  /** Why a `partial` run archived nothing. */
  partialReason: PartialReason | null;
  partialMessage: string | null;
}

/** One plugin as the admin API and CLI show it. */
export interface PluginStatus {
  id: string;
  name: string;
  version: string;
  sdkRange: string;
  enabled: boolean;
  /** The schedule in force: the admin's override, else the manifest's. */
  schedule: string;
  manifestSchedule: string;
  scheduleOverride: string | null;
  timezone: string;
  /** When the schedule fires next; null while disabled or paused. */
  nextRunAt: Date | null;
  paused: boolean;
  pausedAt: Date | null;
  pauseReason: string | null;
  consecutiveFailures: number;
  lastRun: PluginLastRun | null;
  /** The stored settings (what an admin set; defaults are not filled in). */
  config: Record<string, unknown>;
  configSchema: unknown;
  sourceId: string;
}

const effectiveSchedule = (plugin: LoadedPlugin, row: IDataSource) => row.scheduleOverride ?? plugin.definition.schedule;
const wantsSchedule = (row: IDataSource) => row.enabled && !row.pausedAt;

/**
 * Checks an admin's config against the plugin: `baseUrl` (any plugin) must be an http(s) URL, the
 * rest must satisfy the plugin's `configSchema` (a plugin without one takes no other keys).
 * Throws `ConfigError` (`PF_ERR_CONFIG_INVALID`, 400) naming the field; a baseUrl whose host is a
 * literal loopback/private/link-local address outside `allowedPrivateHosts` is refused with code
 * `PF_ERR_PRIVATE_ADDRESS` (a host name is checked when the crawl connects).
 */
export function validatePluginConfig(def: SourceDefinition, config: Record<string, unknown>, allowedPrivateHosts: readonly string[] = []): void {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new ConfigError('config: must be an object');
  const { baseUrl, ...rest } = config;
  if (baseUrl !== undefined) {
    let ok = false;
    try {
      ok = typeof baseUrl === 'string' && /^https?:$/.test(new URL(baseUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new ConfigError(`Invalid config for source "${def.id}": baseUrl: must be an http(s) URL`, { errors: ['baseUrl: must be an http(s) URL'] });
    const refused = refusedLiteralHost(baseUrl as string, new AddressPolicy(allowedPrivateHosts));
    if (refused) {
      const problem = `baseUrl: ${refused.host} is a ${refused.range} address; only public hosts, or hosts named in PATHFINDER_ALLOWED_PRIVATE_HOSTS, can be crawled`;
      throw new ConfigError(`Invalid config for source "${def.id}": ${problem}`, { code: 'PF_ERR_PRIVATE_ADDRESS', errors: [problem] });
    }
  }
  if (!def.configSchema) {
    const extra = Object.keys(rest);
    if (extra.length) throw new ConfigError(`Invalid config for source "${def.id}": ${extra.join(', ')}: the plugin has no such setting`, { errors: extra.map((k) => `${k}: unknown setting`) });
    return;
  }
  resolveConfig(def, rest);
}

async function rowFor(scheduler: Scheduler, plugin: LoadedPlugin): Promise<IDataSource> {
  const em = scheduler.orm.em.fork();
  return (await em.findOne(DataSource, { pluginId: plugin.id })) ?? (await syncDataSources(em, [plugin])).get(plugin.id)!;
}

function requirePlugin(scheduler: Scheduler, pluginId: string): LoadedPlugin {
  const plugin = scheduler.registry.get(pluginId);
  if (!plugin) throw new CoreError('PF_ERR_PLUGIN_NOT_FOUND', `No plugin "${pluginId}" is loaded`, { statusCode: 404 });
  return plugin;
}

/** Adds, updates or removes one plugin's cron schedule to match its row. */
export async function syncSchedule(scheduler: Scheduler, pluginId: string): Promise<'added' | 'updated' | 'removed' | 'unchanged'> {
  const plugin = requirePlugin(scheduler, pluginId);
  const row = await rowFor(scheduler, plugin);
  const name = scheduleQueueName(plugin.id);
  const existing = (await scheduler.schedules()).find((s) => s.name === name);
  if (!wantsSchedule(row)) {
    if (!existing) return 'unchanged';
    await scheduler.removeSchedule(name);
    return 'removed';
  }
  const cron = effectiveSchedule(plugin, row);
  if (existing && existing.cron === cron && existing.timezone === scheduler.timezone) return 'unchanged';
  await scheduler.ensureSchedule(name, cron, { pluginId: plugin.id }, { tz: scheduler.timezone });
  return existing ? 'updated' : 'added';
}

/** Makes the set of plugin schedules match the rows: one per enabled, unpaused, loaded plugin. */
export async function syncSchedules(scheduler: Scheduler): Promise<{ added: string[]; removed: string[] }> {
  const added: string[] = [];
  const removed: string[] = [];
  const loaded = new Set(scheduler.registry.plugins.map((p) => p.id));
  for (const plugin of scheduler.registry.plugins) {
    try {
      const outcome = await syncSchedule(scheduler, plugin.id);
      if (outcome === 'added') added.push(plugin.id);
      if (outcome === 'removed') removed.push(plugin.id);
    } catch (error) {
      // One plugin with a schedule pg-boss cannot take must not keep the others from being scheduled.
      scheduler.log.error('plugin schedule not applied', { pluginId: plugin.id, message: (error as Error).message });
    }
  }
  // A schedule whose plugin is no longer installed would fire for nothing.
  for (const schedule of await scheduler.schedules()) {
    const pluginId = pluginIdOfSchedule(schedule.name);
    if (pluginId && !loaded.has(pluginId)) {
      await scheduler.removeSchedule(schedule.name);
      removed.push(pluginId);
    }
  }
  return { added, removed };
}

/** A cron tick of a plugin's schedule: enqueue a crawl, or nothing when one is in flight (coalesced). */
export async function onScheduleTick(scheduler: Scheduler, pluginId: string): Promise<void> {
  const plugin = scheduler.registry.get(pluginId);
  if (!plugin) return;
  const row = await rowFor(scheduler, plugin);
  if (!wantsSchedule(row)) {
    // The schedule should not exist; heal it instead of crawling.
    await syncSchedule(scheduler, pluginId);
    return;
  }
  try {
    const { runId } = await scheduler.enqueueCrawl(pluginId, 'schedule');
    scheduler.log.info('scheduled crawl queued', { pluginId, runId });
  } catch (error) {
    const code = (error as CoreError).code;
    if (code === 'PF_ERR_CRAWL_RUNNING' || code === 'PF_ERR_CRAWL_QUEUED') {
      scheduler.log.info('scheduled crawl skipped: one is already in flight', { pluginId });
      return;
    }
    throw error;
  }
}

/**
 * After a failed run: pauses the plugin once it failed `maxConsecutiveFailures` times in a row
 * (its schedule removed, the reason naming the last error). Returns whether it paused it now.
 */
export async function pauseAfterFailures(scheduler: Scheduler, source: IDataSource, result: CrawlResult): Promise<boolean> {
  if (source.pausedAt || source.consecutiveFailures < scheduler.maxConsecutiveFailures || !source.pluginId) return false;
  const last = result.error ? `${result.error.code}: ${result.error.message}` : `run ended ${result.status}`;
  const reason = `Paused after ${source.consecutiveFailures} consecutive failed runs; last error: ${last}`;
  const updated = await scheduler.orm.em.fork().nativeUpdate(DataSource, { id: source.id, pausedAt: null }, { pausedAt: new Date(), pauseReason: reason.slice(0, 2000) });
  if (updated === 0) return false;
  scheduler.log.warn('plugin paused', { pluginId: source.pluginId, reason });
  if (scheduler.isStarted && scheduler.registry.get(source.pluginId)) await syncSchedule(scheduler, source.pluginId);
  return true;
}

/** Applies a patch (all fields validated first, so a bad one changes nothing), then the schedule. */
export async function updatePlugin(scheduler: Scheduler, pluginId: string, patch: PluginPatch): Promise<PluginStatus> {
  const plugin = requirePlugin(scheduler, pluginId);
  if (patch.schedule !== undefined && patch.schedule !== null) assertCron(patch.schedule, scheduler.timezone);
  if (patch.config !== undefined) validatePluginConfig(plugin.definition, patch.config, scheduler.options.allowedPrivateHosts);

  const em = scheduler.orm.em.fork();
  const row = (await em.findOne(DataSource, { pluginId })) ?? (await syncDataSources(em, [plugin])).get(pluginId)!;
  const wasEnabled = row.enabled;
  if (patch.schedule !== undefined) row.scheduleOverride = patch.schedule === null ? null : patch.schedule.trim();
  if (patch.config !== undefined) row.pluginConfig = structuredClone(patch.config);
  if (patch.enabled !== undefined) row.enabled = patch.enabled;
  // Enabling again, or lifting the pause, starts the failure count afresh.
  if (patch.paused === false || (patch.enabled === true && !wasEnabled)) {
    row.pausedAt = null;
    row.pauseReason = null;
    row.consecutiveFailures = 0;
  } else if (patch.paused === true && !row.pausedAt) {
    row.pausedAt = new Date();
    row.pauseReason = 'Paused by an admin';
  }
  await em.flush();

  if (patch.enabled === false && wasEnabled) {
    // Queued runs never start; a running one stops at its next request (here at once, elsewhere by polling).
    await scheduler.cancelQueuedCrawls(row.id);
    await em.nativeUpdate(ScrapeLog, { source: row.id, status: 'queued' }, {
      status: 'aborted', completedAt: new Date(), errorCode: 'PF_ERR_PLUGIN_DISABLED', errorMessage: 'The plugin was disabled before the run started',
    });
    scheduler.cancelLocalCrawl(row.id, 'disabled');
  }
  await syncSchedule(scheduler, pluginId);
  return (await listPlugins(scheduler, new Date(), [plugin]))[0]!;
}

/** The status of each plugin (default: every loaded one), in registry order. */
export async function listPlugins(scheduler: Scheduler, now = new Date(), plugins: LoadedPlugin[] = scheduler.registry.plugins): Promise<PluginStatus[]> {
  const em = scheduler.orm.em.fork();
  const rows = await syncMissing(scheduler, plugins);
  const items: PluginStatus[] = [];
  for (const plugin of plugins) {
    const row = rows.get(plugin.id)!;
    const last = await em.findOne(ScrapeLog, { source: row.id }, { orderBy: { startedAt: 'desc', id: 'desc' } });
    const schedule = effectiveSchedule(plugin, row);
    items.push({
      id: plugin.id,
      name: plugin.definition.name,
      version: plugin.definition.version,
      sdkRange: plugin.definition.sdk,
      enabled: row.enabled,
      schedule,
      manifestSchedule: plugin.definition.schedule,
      scheduleOverride: row.scheduleOverride ?? null,
      timezone: scheduler.timezone,
      nextRunAt: wantsSchedule(row) ? (nextCronTime(schedule, now, scheduler.timezone) ?? null) : null,
      paused: row.pausedAt != null,
      pausedAt: row.pausedAt ?? null,
      pauseReason: row.pauseReason ?? null,
      consecutiveFailures: row.consecutiveFailures,
      lastRun: last ? {
        id: last.id, status: last.status, trigger: last.trigger, startedAt: last.startedAt, completedAt: last.completedAt ?? null,
        jobsFound: last.jobsFound, jobsAdded: last.jobsAdded, errorMessage: last.errorMessage ?? null,
        partialReason: last.partialReason ?? null, partialMessage: last.partialMessage ?? null,
      } : null,
      config: row.pluginConfig ?? {},
      configSchema: plugin.definition.configSchema ?? null,
      sourceId: row.id,
    });
  }
  return items;
}

async function syncMissing(scheduler: Scheduler, plugins: LoadedPlugin[]): Promise<Map<string, IDataSource>> {
  const em = scheduler.orm.em.fork();
  const found = await em.find(DataSource, { pluginId: { $in: plugins.map((p) => p.id) } });
  const rows = new Map(found.map((r) => [r.pluginId!, r]));
  const missing = plugins.filter((p) => !rows.has(p.id));
  if (missing.length) for (const [id, row] of await syncDataSources(em, missing)) rows.set(id, row);
  return rows;
}
