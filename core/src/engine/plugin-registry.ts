import { pathToFileURL } from 'node:url';
import { assertSdkCompatible, isSourceDefinition, SDK_VERSION, type SourceDefinition } from '@pathfinder/sdk';
import { CoreError } from '../errors/codes.js';
import { discoverPlugins, type PluginPackage } from './plugin-discovery.js';

/** A plugin that loaded, passed its checks, and may run. */
export interface LoadedPlugin {
  id: string;
  definition: SourceDefinition;
  package: PluginPackage;
}

/** A plugin that did not load, and why (with a stable code). */
export interface PluginProblem {
  spec: string;
  code: string;
  message: string;
}

export interface PluginRegistry {
  plugins: LoadedPlugin[];
  problems: PluginProblem[];
  get(id: string): LoadedPlugin | undefined;
  /** Like `get`, but a missing id throws `PF_ERR_PLUGIN_NOT_FOUND` naming the known ones. */
  require(id: string): LoadedPlugin;
}

export interface LoadPluginsOptions {
  pluginsDir?: string;
  /** Look for installed plugin packages in node_modules (default true). */
  scanNodeModules?: boolean;
  /** PATHFINDER_PLUGINS entries. */
  extra?: string[];
  cwd?: string;
  /** The SDK version to check ranges against (tests); default the installed SDK's. */
  sdkVersion?: string;
}

/** A plugin entry that is TypeScript (a plugin shipping its sources, a scaffolded one beside the install). */
const TYPESCRIPT_ENTRY = /\.[cm]?tsx?$/;
// Run from source (tsx, vitest), a TypeScript loader is already there; compiled (`npm start`), it is not.
const ENGINE_COMPILED = !import.meta.url.endsWith('.ts');
let typeScriptLoader: Promise<void> | undefined;

/**
 * tsx's loader, registered the first time a compiled engine meets a TypeScript plugin: such plugins
 * keep working under `npm start`, and a process without one never loads the compiler. tsx comes
 * with the server (its run-from-source mode uses it).
 */
function registerTypeScriptLoader(): Promise<void> {
  typeScriptLoader ??= import('tsx/esm/api').then((tsx) => {
    tsx.register();
  });
  return typeScriptLoader;
}

/**
 * Discovers and imports every plugin, checking each one: a valid `defineSource` default export, an
 * SDK range the installed SDK satisfies, an id no other plugin took. A plugin that fails a check is
 * reported in `problems` and left out; the rest load.
 */
export async function loadPlugins(options: LoadPluginsOptions = {}): Promise<PluginRegistry> {
  const { packages, errors } = await discoverPlugins(options);
  const problems: PluginProblem[] = errors.map((e) => ({ spec: e.spec, code: 'PF_ERR_PLUGIN_LOAD', message: e.message }));
  const plugins: LoadedPlugin[] = [];

  for (const pkg of packages) {
    let definition: unknown;
    try {
      if (ENGINE_COMPILED && TYPESCRIPT_ENTRY.test(pkg.entry)) await registerTypeScriptLoader();
      const mod = (await import(pathToFileURL(pkg.entry).href)) as { default?: unknown };
      definition = mod.default;
    } catch (error) {
      problems.push({ spec: pkg.packageName, code: 'PF_ERR_PLUGIN_LOAD', message: `Plugin ${pkg.packageName} failed to load: ${(error as Error).message}` });
      continue;
    }
    if (!isSourceDefinition(definition)) {
      problems.push({ spec: pkg.packageName, code: 'PF_ERR_PLUGIN_LOAD', message: `Plugin ${pkg.packageName}: the default export of ${pkg.entry} is not a defineSource(...) result` });
      continue;
    }
    try {
      assertSdkCompatible(definition, options.sdkVersion ?? SDK_VERSION);
    } catch (error) {
      problems.push({ spec: pkg.packageName, code: 'PF_ERR_PLUGIN_SDK_RANGE', message: `${(error as Error).message} (package ${pkg.packageName}@${pkg.packageVersion})` });
      continue;
    }
    const clash = plugins.find((p) => p.id === definition.id);
    if (clash) {
      problems.push({ spec: pkg.packageName, code: 'PF_ERR_PLUGIN_DUPLICATE_ID', message: `Plugin ${pkg.packageName} declares id "${definition.id}", already taken by ${clash.package.packageName}` });
      continue;
    }
    plugins.push({ id: definition.id, definition, package: pkg });
  }

  const byId = new Map(plugins.map((p) => [p.id, p]));
  return {
    plugins,
    problems,
    get: (id) => byId.get(id),
    require(id) {
      const plugin = byId.get(id);
      if (!plugin) {
        const known = plugins.map((p) => p.id).join(', ') || 'none';
        const problem = problems.find((p) => p.spec.includes(id));
        throw new CoreError('PF_ERR_PLUGIN_NOT_FOUND', `No plugin "${id}" is loaded (loaded: ${known})${problem ? `; ${problem.message}` : ''}`, { statusCode: 404 });
      }
      return plugin;
    },
  };
}
