import {
  loadPlugins, registerLinkCheck, Scheduler, syncDataSources, type DatabaseWatch, type PathfinderConfig, type PluginRegistry,
} from '@pathfinder/core';
import type { Logger } from '@pathfinder/sdk';
import type { Runtime } from './open-runtime.js';

declare module '../app-context.js' {
  interface AppServices {
    /**
     * The engine's scheduler (pg-boss): in `start` and `worker` it runs crawls; in `serve` it is
     * send-only (enqueues runs, edits schedules). Absent in apps built without one (most tests).
     */
    scheduler?: Scheduler;
    /** The plugins this process loaded. */
    pluginRegistry?: PluginRegistry;
  }
}

export interface SchedulerRuntime {
  scheduler: Scheduler;
  registry: PluginRegistry;
  stop(): Promise<void>;
}

/** A logger for the engine that writes `[pathfinder] message {data}` lines (debug only at LOG_LEVEL debug/trace). */
export function lineLogger(write: (line: string) => void, level: PathfinderConfig['logLevel']): Logger {
  const line = (prefix: string) => (msg: string, data?: object) => write(`${prefix}${msg}${data ? ` ${JSON.stringify(data)}` : ''}`);
  const verbose = level === 'debug' || level === 'trace';
  return { debug: verbose ? line('debug: ') : () => undefined, info: line(''), warn: line('warning: '), error: line('error: ') };
}

/**
 * Loads the plugins, registers them as data sources, and starts the scheduler: a worker (runs crawls,
 * fires cron, checks links daily) or send-only (an API process). Plugin schedules are synced either
 * way, so a `serve` process alone keeps them in line with the rows.
 */
export async function startSchedulerRuntime(
  runtime: Pick<Runtime, 'db' | 'orm'>,
  config: PathfinderConfig,
  mode: 'worker' | 'send-only',
  log: (line: string) => void,
  databaseWatch?: DatabaseWatch,
): Promise<SchedulerRuntime> {
  const registry = await loadPlugins({ extra: config.extraPlugins });
  for (const problem of registry.problems) log(`plugin not loaded: ${problem.message} [${problem.code}]`);
  await syncDataSources(runtime.orm.em.fork(), registry.plugins);
  const logger = lineLogger(log, config.logLevel);
  const scheduler = new Scheduler({
    connectionString: runtime.db.url,
    orm: runtime.orm,
    registry,
    mode,
    maxConsecutiveFailures: config.maxConsecutiveFailures,
    retry: { delaySeconds: config.crawlRetryDelaySeconds },
    orphanSweepMs: config.orphanSweepSeconds * 1000,
    orphanGraceMs: config.orphanGraceSeconds * 1000,
    databaseWatch,
    allowedPrivateHosts: config.allowedPrivateHosts,
    // Plugins' own info lines are chatty: shown at LOG_LEVEL debug only; their warnings always.
    crawlDefaults: { stallMs: config.crawlStallSeconds * 1000, log: { ...logger, info: logger.debug } },
    log: logger,
  });
  await scheduler.start();
  try {
    const { added, removed } = await scheduler.syncSchedules();
    if (mode === 'worker') await registerLinkCheck(scheduler);
    log(`scheduler ${mode === 'worker' ? 'worker' : '(send-only)'} started: ${registry.plugins.length} plugin(s)`
      + `${added.length ? `, schedules added: ${added.join(', ')}` : ''}${removed.length ? `, removed: ${removed.join(', ')}` : ''}`);
  } catch (error) {
    await scheduler.stop();
    throw error;
  }
  return { scheduler, registry, stop: () => scheduler.stop() };
}
