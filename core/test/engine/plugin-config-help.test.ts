import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/engine/plugin-registry.js';

interface Schema { properties?: Record<string, { description?: string }> }

describe('the workspace plugins\' settings', () => {
  it('all load, and every setting has help text for admins (a description in configSchema)', async () => {
    const registry = await loadPlugins();
    expect(registry.problems).toEqual([]);
    expect(registry.plugins.map((p) => p.id).sort()).toEqual(['careeredge', 'civicjobs', 'eco-canada', 'mars', 'workinnonprofits']);
    const missing: string[] = [];
    for (const p of registry.plugins) {
      const props = (p.definition.configSchema as Schema | undefined)?.properties ?? {};
      for (const [name, prop] of Object.entries(props)) if (!prop.description?.trim()) missing.push(`${p.id}.${name}`);
    }
    expect(missing).toEqual([]);
  });
});
