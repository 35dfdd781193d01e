/**
 * The package.json of a scaffolded plugin, for both layouts.
 *
 * - `workspace` (the repository's `plugins/<id>`): like the first-party plugins, the SDK is a peer
 *   dependency, provided by the repository's workspace.
 * - `standalone` (a third-party package in a folder of its own): the SDK is a real dependency and
 *   the test tools are dev dependencies, so `npm install && npm test` works in that folder alone.
 *   At run time npm dedupes `@pathfinder/sdk` ^1.0.0 against the host's copy, and the engine checks
 *   the manifest's `sdk` range either way.
 */

/** Ranges a scaffolded package asks for (kept in step with the repository by a test). */
export const SCAFFOLD_RANGES = {
  sdk: '^1.0.0',
  typebox: '^1.4.3',
  typescript: '^5.9.3',
  vitest: '^4.1.12',
  typesNode: '^20.19.0',
} as const;

export interface PackageJsonInput {
  layout: 'workspace' | 'standalone';
  packageName: string;
  name: string;
}

/**
 * @example
 * ```ts
 * pluginPackageJson({ layout: 'standalone', packageName: 'pathfinder-plugin-maple', name: 'Maple Jobs' });
 * // { name: 'pathfinder-plugin-maple', version: '0.1.0', ..., pathfinder: { source: './src/index.ts' },
 * //   dependencies: { '@pathfinder/sdk': '^1.0.0', typebox: '^1.4.3' }, ... }
 * ```
 */
export function pluginPackageJson(o: PackageJsonInput): Record<string, unknown> {
  const common = {
    name: o.packageName,
    version: '0.1.0',
    type: 'module',
    license: 'Apache-2.0',
    description: `Pathfinder source plugin for ${o.name}`,
    keywords: ['pathfinder-plugin'],
    exports: { '.': './src/index.ts', './package.json': './package.json' },
    // How the engine finds the source: the module whose default export is defineSource(...).
    pathfinder: { source: './src/index.ts' },
  };
  if (o.layout === 'workspace') {
    return { ...common, peerDependencies: { '@pathfinder/sdk': SCAFFOLD_RANGES.sdk, typebox: SCAFFOLD_RANGES.typebox } };
  }
  return {
    ...common,
    engines: { node: '>=20.19' },
    files: ['src', 'README.md'],
    scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' },
    dependencies: { '@pathfinder/sdk': SCAFFOLD_RANGES.sdk, typebox: SCAFFOLD_RANGES.typebox },
    devDependencies: {
      '@types/node': SCAFFOLD_RANGES.typesNode,
      typescript: SCAFFOLD_RANGES.typescript,
      vitest: SCAFFOLD_RANGES.vitest,
    },
  };
}
