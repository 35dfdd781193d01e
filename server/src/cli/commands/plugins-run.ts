import { loadConfig, type PluginStatus } from '@pathfinder/core';
import { openRuntime } from '../../runtime/open-runtime.js';
import { startSchedulerRuntime } from '../../runtime/scheduler-runtime.js';
import { formatTable } from '../format-table.js';
import { pluginOrigin } from '../plugin-origin.js';
import type { PluginsAction } from './plugins.js';

const when = (d: Date | null | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

function listRow(p: PluginStatus, from: string): string[] {
  const state = !p.enabled ? 'disabled' : p.paused ? 'paused' : 'enabled';
  const last = p.lastRun ? `${p.lastRun.status} ${when(p.lastRun.completedAt ?? p.lastRun.startedAt)}` : '';
  return [p.id, p.name, p.version, p.sdkRange, state, p.schedule, when(p.nextRunAt), last, from];
}

/**
 * `plugins list|enable|disable|run`: the same controls as the admin API, through a send-only
 * scheduler (it edits schedules and enqueues runs; a worker process runs the crawls).
 */
export async function runPluginsCommand(action: PluginsAction, id: string | undefined, json: boolean): Promise<number> {
  const config = loadConfig();
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const runtime = await openRuntime(config);
  const quiet = () => undefined;
  const engine = await startSchedulerRuntime(runtime, config, 'send-only', (line) => (line.startsWith('plugin not loaded') ? err(line) : quiet()));
  try {
    const { scheduler } = engine;
    if (action === 'list') {
      // Only loaded plugins are listed (a data source whose plugin is gone has no origin to show).
      const items = (await scheduler.listPlugins()).map((p) => ({ ...p, from: pluginOrigin(engine.registry.get(p.id)?.package) }));
      if (json) process.stdout.write(`${JSON.stringify({ items })}\n`);
      else process.stdout.write(formatTable(['id', 'name', 'version', 'sdk', 'state', 'schedule', 'next run', 'last run', 'from'], items.map((p) => listRow(p, p.from)), 80));
      for (const p of items.filter((i) => i.paused)) err(`${p.id} is paused: ${p.pauseReason}`);
      return 0;
    }
    if (action === 'run') {
      const run = await scheduler.enqueueCrawl(id!, 'manual');
      if (json) process.stdout.write(`${JSON.stringify(run)}\n`);
      else process.stdout.write(`${run.runId}\n`);
      err(`queued a crawl of ${id} (run ${run.runId}); a worker (\`pathfinder start\` or \`pathfinder worker\`) runs it`);
      return 0;
    }
    const status = await scheduler.updatePlugin(id!, { enabled: action === 'enable' });
    if (json) process.stdout.write(`${JSON.stringify(status)}\n`);
    else process.stdout.write(`${status.id} ${action}d${status.nextRunAt ? `; next run ${when(status.nextRunAt)}` : ''}\n`);
    return 0;
  } finally {
    await engine.stop();
    await runtime.close();
  }
}
