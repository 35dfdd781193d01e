import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A package that declares a Pathfinder source: where it is and which file default-exports it. */
export interface PluginPackage {
  packageName: string;
  packageVersion: string;
  dir: string;
  /** Absolute path of the module whose default export is the `defineSource(...)` result. */
  entry: string;
  /**
   * Where it was found: `workspace` for the repository's plugins/ (built in), `npm` for an installed
   * package with the `pathfinder-plugin` keyword or a `pathfinder.source` field, `extra` for PATHFINDER_PLUGINS.
   */
  origin: 'workspace' | 'npm' | 'extra';
}

interface PackageJson {
  name?: string;
  keywords?: unknown;
  version?: string;
  main?: string;
  exports?: unknown;
  pathfinder?: { source?: string };
}

/** The repository's `plugins/` folder (beside `core/`). */
export const WORKSPACE_PLUGINS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');

async function readPackage(dir: string): Promise<PackageJson | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The npm keyword that marks a package as a Pathfinder source plugin. */
export const PLUGIN_KEYWORD = 'pathfinder-plugin';

/** The export condition under which workspace packages name their TypeScript sources. */
const SOURCE_CONDITION = '@pathfinder/source';

// The engine runs from TypeScript sources (tsx, vitest) in the repository: its own plugins load from
// src/ like the SDK does (their dist/ is only built by `npm pack`). A compiled engine would not be a `.ts` file.
const ENGINE_RUNS_FROM_SOURCE = import.meta.url.endsWith('.ts');

function sourceEntryOf(pkg: PackageJson): string | undefined {
  const exp = pkg.exports;
  const dot = exp && typeof exp === 'object' ? (exp as Record<string, unknown>)['.'] : undefined;
  const source = dot && typeof dot === 'object' ? (dot as Record<string, unknown>)[SOURCE_CONDITION] : undefined;
  return typeof source === 'string' ? source : undefined;
}

/**
 * The module to import. Built-in plugins under a source-run engine: the `@pathfinder/source` export.
 * Otherwise `pathfinder.source`, else the `.` export (`import`, `default`, `node`), else `main`.
 */
function entryOf(pkg: PackageJson, origin: PluginPackage['origin']): string | undefined {
  if (origin === 'workspace' && ENGINE_RUNS_FROM_SOURCE) {
    const source = sourceEntryOf(pkg);
    if (source) return source;
  }
  if (pkg.pathfinder?.source) return pkg.pathfinder.source;
  const exp = pkg.exports;
  if (typeof exp === 'string') return exp;
  if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'];
    if (typeof dot === 'string') return dot;
    if (dot && typeof dot === 'object') {
      const d = dot as Record<string, unknown>;
      for (const key of ['import', 'default', 'node']) if (typeof d[key] === 'string') return d[key] as string;
    }
  }
  return pkg.main;
}

export class PluginDiscoveryError extends Error {
  constructor(readonly spec: string, message: string) {
    super(message);
  }
}

async function packageAt(dir: string, origin: PluginPackage['origin'], spec: string): Promise<PluginPackage> {
  const pkg = await readPackage(dir);
  if (!pkg) throw new PluginDiscoveryError(spec, `Plugin "${spec}": no package.json in ${dir}`);
  const entry = entryOf(pkg, origin);
  if (!entry) throw new PluginDiscoveryError(spec, `Plugin "${spec}": package.json has no "pathfinder.source", "exports" or "main"`);
  return { packageName: pkg.name ?? path.basename(dir), packageVersion: pkg.version ?? '0.0.0', dir, entry: path.resolve(dir, entry), origin };
}

/** Whether an installed package says it is a plugin: the keyword, or a `pathfinder.source` field. */
export function declaresPlugin(pkg: { keywords?: unknown; pathfinder?: { source?: string } }): boolean {
  return (Array.isArray(pkg.keywords) && pkg.keywords.includes(PLUGIN_KEYWORD)) || typeof pkg.pathfinder?.source === 'string';
}

/** Package folders directly in a node_modules folder (`name` and `@scope/name`). */
async function packageFolders(nodeModules: string): Promise<string[]> {
  const entries = await fs.readdir(nodeModules, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const dir = path.join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const inner of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) dirs.push(path.join(dir, inner.name));
    } else dirs.push(dir);
  }
  return dirs.sort();
}

/**
 * Installed plugin packages in `<root>/node_modules`. Links back into the project itself (npm
 * workspaces: the repository's own plugins/ and examples/) are not installed packages and are skipped.
 */
async function installedPlugins(root: string, errors: PluginDiscoveryError[]): Promise<PluginPackage[]> {
  const found: PluginPackage[] = [];
  const realRoot = await fs.realpath(root).catch(() => root);
  for (const dir of await packageFolders(path.join(root, 'node_modules'))) {
    const pkg = await readPackage(dir);
    if (!pkg || !declaresPlugin(pkg)) continue;
    const real = await fs.realpath(dir).catch(() => dir);
    if (real.startsWith(realRoot + path.sep) && !real.slice(realRoot.length).split(path.sep).includes('node_modules')) continue;
    try {
      found.push(await packageAt(real, 'npm', pkg.name ?? path.basename(dir)));
    } catch (error) {
      errors.push(error as PluginDiscoveryError);
    }
  }
  return found;
}

/**
 * Finds plugin packages: every folder of `plugins/` with a package.json declaring
 * `"pathfinder": {"source": …}` (built in); then every package installed in `cwd`'s node_modules (and
 * the repository's, when different) whose package.json has the `pathfinder-plugin` keyword or a
 * `pathfinder.source` field; then each PATHFINDER_PLUGINS entry (an npm package name resolved from
 * `cwd`, or a path). A package found twice counts once, first origin wins. Problems are returned,
 * not thrown: one bad package must not stop the others.
 */
export async function discoverPlugins(options: { pluginsDir?: string; extra?: string[]; cwd?: string; scanNodeModules?: boolean } = {}): Promise<{
  packages: PluginPackage[];
  errors: PluginDiscoveryError[];
}> {
  const pluginsDir = options.pluginsDir ?? WORKSPACE_PLUGINS_DIR;
  const cwd = options.cwd ?? process.cwd();
  const packages: PluginPackage[] = [];
  const errors: PluginDiscoveryError[] = [];

  if (existsSync(pluginsDir)) {
    for (const name of (await fs.readdir(pluginsDir)).sort()) {
      const dir = path.join(pluginsDir, name);
      const pkg = await readPackage(dir);
      if (!pkg?.pathfinder?.source) continue;
      try {
        packages.push(await packageAt(dir, 'workspace', name));
      } catch (error) {
        errors.push(error as PluginDiscoveryError);
      }
    }
  }

  if (options.scanNodeModules ?? true) {
    const roots = [...new Set([path.resolve(cwd), path.dirname(WORKSPACE_PLUGINS_DIR)])];
    for (const root of roots) {
      for (const found of await installedPlugins(root, errors)) if (!packages.some((p) => p.dir === found.dir)) packages.push(found);
    }
  }

  const require = createRequire(path.join(cwd, 'noop.js'));
  for (const spec of options.extra ?? []) {
    try {
      const looksLikePath = spec.startsWith('.') || path.isAbsolute(spec);
      const dir = looksLikePath ? path.resolve(cwd, spec) : path.dirname(require.resolve(`${spec}/package.json`));
      const found = await packageAt(dir, 'extra', spec);
      if (!packages.some((p) => p.dir === found.dir)) packages.push(found);
    } catch (error) {
      errors.push(error instanceof PluginDiscoveryError ? error : new PluginDiscoveryError(spec, `Plugin "${spec}" could not be found: ${(error as Error).message}`));
    }
  }
  return { packages, errors };
}
