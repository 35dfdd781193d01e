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
  /** `workspace` for plugins/*, `extra` for PATHFINDER_PLUGINS. */
  origin: 'workspace' | 'extra';
}

interface PackageJson {
  name?: string;
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

/** `pathfinder.source`, else the `.` export, else `main`. */
function entryOf(pkg: PackageJson): string | undefined {
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
  const entry = entryOf(pkg);
  if (!entry) throw new PluginDiscoveryError(spec, `Plugin "${spec}": package.json has no "pathfinder.source", "exports" or "main"`);
  return { packageName: pkg.name ?? path.basename(dir), packageVersion: pkg.version ?? '0.0.0', dir, entry: path.resolve(dir, entry), origin };
}

/**
 * Finds plugin packages: every folder of `plugins/` with a package.json declaring
 * `"pathfinder": {"source": …}`, then each PATHFINDER_PLUGINS entry (an npm package name resolved from
 * `cwd`, or a path). Problems are returned, not thrown: one bad package must not stop the others.
 */
export async function discoverPlugins(options: { pluginsDir?: string; extra?: string[]; cwd?: string } = {}): Promise<{
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
