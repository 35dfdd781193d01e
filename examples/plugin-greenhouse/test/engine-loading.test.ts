/**
 * The engine loads this package from outside plugins/ when PATHFINDER_PLUGINS names it by path
 * (relative to where Pathfinder runs: the repository root here).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlugins } from '@pathfinder/core';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');

describe('the engine and PATHFINDER_PLUGINS', () => {
  it('loads the Greenhouse example by path, beside the repository plugins', async () => {
    const registry = await loadPlugins({ extra: ['./examples/plugin-greenhouse'], cwd: repo });
    const greenhouse = registry.get('greenhouse');
    expect(greenhouse?.package).toMatchObject({
      origin: 'extra',
      packageName: 'pathfinder-plugin-greenhouse',
      packageVersion: '1.0.0',
      dir: path.join(repo, 'examples/plugin-greenhouse'),
      entry: path.join(repo, 'examples/plugin-greenhouse/src/index.ts'),
    });
    expect(greenhouse?.definition).toMatchObject({ name: 'Greenhouse job board', crawlDelaySeconds: 2 });
    expect(registry.plugins.map((p) => p.id)).toEqual(expect.arrayContaining(['civicjobs', 'greenhouse']));
    expect(registry.problems.filter((p) => p.spec.includes('greenhouse'))).toEqual([]);
  });

  it('does not load it unless named', async () => {
    const registry = await loadPlugins({ cwd: repo });
    expect(registry.get('greenhouse')).toBeUndefined();
  });
});
