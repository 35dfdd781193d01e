import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/engine/plugin-registry.js';
import { syncDataSources } from '../../src/engine/sync-data-sources.js';
import { useTestDatabase } from '../../src/testing/index.js';
import { DataSource } from '../../src/db/entities/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginsDir = path.join(here, 'fixtures/plugins');
const db = useTestDatabase();

describe('loadPlugins', () => {
  it('loads valid plugins and reports the rest with coded reasons, without stopping', async () => {
    const registry = await loadPlugins({ pluginsDir });
    expect(registry.plugins.map((p) => p.id)).toEqual(['good']);
    const byCode = Object.fromEntries(registry.problems.map((p) => [p.spec.replace('@test/plugin-', ''), p]));
    expect(byCode['needs-sdk-2']).toMatchObject({ code: 'PF_ERR_PLUGIN_SDK_RANGE' });
    // The refusal names both versions: what the plugin wants and what is installed.
    expect(byCode['needs-sdk-2'].message).toMatch(/\^2\.0\.0.*1\.\d+\.\d+/);
    expect(byCode.broken).toMatchObject({ code: 'PF_ERR_PLUGIN_LOAD' });
    expect(byCode['not-a-source'].message).toMatch(/not a defineSource/);
    expect(byCode['other-good']).toMatchObject({ code: 'PF_ERR_PLUGIN_DUPLICATE_ID' });
    expect(registry.problems.some((p) => p.spec.includes('no-marker'))).toBe(false);
  });

  it('loads extra packages named in PATHFINDER_PLUGINS, by path', async () => {
    const registry = await loadPlugins({ pluginsDir: path.join(here, 'nowhere'), extra: ['./fixtures/plugins/good'], cwd: here });
    expect(registry.plugins.map((p) => [p.id, p.package.origin])).toEqual([['good', 'extra']]);
    const missing = await loadPlugins({ pluginsDir: path.join(here, 'nowhere'), extra: ['@nobody/pathfinder-plugin-x'], cwd: here });
    expect(missing.problems[0]).toMatchObject({ code: 'PF_ERR_PLUGIN_LOAD' });
    expect(() => missing.require('x')).toThrow(/No plugin "x"/);
  });

  it('checks the range against the SDK version it is given', async () => {
    const registry = await loadPlugins({ pluginsDir, sdkVersion: '2.1.0' });
    expect(registry.plugins.map((p) => p.id).sort()).toEqual(['future']);
    expect(registry.problems.find((p) => p.spec.endsWith('good'))?.message).toMatch(/needs SDK \^1\.0\.0 but this is SDK 2\.1\.0/);
  });

  it('registers each plugin as a data source and updates it on upgrade, keeping admin settings', async () => {
    const registry = await loadPlugins({ pluginsDir });
    const em = db.orm.em.fork();
    await syncDataSources(em, registry.plugins);
    const row = await em.findOneOrFail(DataSource, { pluginId: 'good' });
    expect(row).toMatchObject({ name: 'Good', pluginVersion: '0.1.0', sdkRange: '^1.0.0', crawlDelaySeconds: 3, disallowedPaths: ['/admin'], schedule: '5 * * * *', enabled: true, sourceType: 'scraper' });
    row.enabled = false;
    row.pluginConfig = { baseUrl: 'http://mirror.local' };
    await em.flush();

    const upgraded = { ...registry.plugins[0], definition: { ...registry.plugins[0].definition, version: '0.2.0', crawlDelaySeconds: 9 } };
    await syncDataSources(db.orm.em.fork(), [upgraded]);
    const after = await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'good' });
    expect(after).toMatchObject({ pluginVersion: '0.2.0', crawlDelaySeconds: 9, enabled: false, pluginConfig: { baseUrl: 'http://mirror.local' } });
  });
});
