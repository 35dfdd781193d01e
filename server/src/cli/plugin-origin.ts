import path from 'node:path';
import type { PluginPackage } from '@pathfinder/core';

/**
 * Where a plugin came from, for `plugins list`/`plugins add`: `built-in` (the repository's plugins/),
 * `npm <package> (<folder>)` for an installed package found by its keyword, `PATHFINDER_PLUGINS <package> (<folder>)`.
 *
 * @example
 * ```ts
 * pluginOrigin(pkg); // 'npm pathfinder-plugin-maple (node_modules/pathfinder-plugin-maple)'
 * ```
 */
export function pluginOrigin(pkg: PluginPackage | undefined, cwd = process.cwd()): string {
  if (!pkg) return '';
  if (pkg.origin === 'workspace') return 'built-in';
  const rel = path.relative(cwd, pkg.dir);
  const where = rel && !rel.startsWith('..') ? rel : pkg.dir;
  return `${pkg.origin === 'npm' ? 'npm' : 'PATHFINDER_PLUGINS'} ${pkg.packageName} (${where})`;
}
