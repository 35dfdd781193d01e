import { DataSource, loadConfig, loadPlugins, syncDataSources } from '@pathfinder/core';
import { openRuntime } from '../../runtime/open-runtime.js';
import { formatTable } from '../format-table.js';

export async function runPluginsCommand(action: 'list' | 'enable' | 'disable', id: string | undefined, json: boolean): Promise<number> {
  const config = loadConfig();
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const registry = await loadPlugins({ extra: config.extraPlugins });
  for (const problem of registry.problems) err(`not loaded: ${problem.message} [${problem.code}]`);
  const runtime = await openRuntime(config);
  try {
    const em = runtime.orm.em.fork();
    const rows = await syncDataSources(em, registry.plugins);
    if (action === 'list') {
      const items = registry.plugins.map((p) => {
        const row = rows.get(p.id);
        return {
          id: p.id, name: p.definition.name, version: p.definition.version, sdkRange: p.definition.sdk,
          enabled: row?.enabled ?? true, schedule: row?.scheduleOverride ?? p.definition.schedule, package: p.package.packageName,
        };
      });
      if (json) process.stdout.write(`${JSON.stringify({ items })}\n`);
      else process.stdout.write(formatTable(['id', 'name', 'version', 'sdk', 'enabled', 'schedule', 'package'], items.map((i) => [i.id, i.name, i.version, i.sdkRange, i.enabled ? 'yes' : 'no', i.schedule, i.package])));
      return 0;
    }
    const plugin = registry.require(id!);
    const row = rows.get(plugin.id)!;
    const source = await em.findOneOrFail(DataSource, row.id);
    source.enabled = action === 'enable';
    await em.flush();
    process.stdout.write(`${plugin.id} ${action}d\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
