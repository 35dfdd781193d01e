import type { EntityManager } from '@mikro-orm/postgresql';
import { DataSource, type IDataSource } from '../db/entities/index.js';
import type { LoadedPlugin } from './plugin-registry.js';

/**
 * Makes each loaded plugin a `DataSource` row (created on first sight, its manifest facts updated on
 * upgrade). Admin settings — enabled, schedule override, config, contacts — are never touched here.
 */
export async function syncDataSources(em: EntityManager, plugins: LoadedPlugin[]): Promise<Map<string, IDataSource>> {
  const rows = new Map<string, IDataSource>();
  if (plugins.length === 0) return rows;
  const existing = await em.find(DataSource, { pluginId: { $in: plugins.map((p) => p.id) } });
  for (const plugin of plugins) {
    const def = plugin.definition;
    const manifest = {
      pluginVersion: def.version,
      sdkRange: def.sdk,
      crawlDelaySeconds: Math.ceil(def.crawlDelaySeconds),
      disallowedPaths: [...def.disallowedPaths],
      schedule: def.schedule,
      baseUrl: def.baseUrl,
      feedMethod: 'plugin',
    };
    let row = existing.find((r) => r.pluginId === plugin.id);
    if (row) {
      em.assign(row, manifest);
    } else {
      // The display name is unique; a manual source may already hold it, so fall back to "name (id)".
      const taken = await em.count(DataSource, { name: def.name });
      row = em.create(DataSource, { ...manifest, name: taken ? `${def.name} (${plugin.id})` : def.name, pluginId: plugin.id, sourceType: 'scraper' });
    }
    rows.set(plugin.id, row);
  }
  await em.flush();
  return rows;
}
