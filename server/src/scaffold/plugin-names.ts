import { ScaffoldError } from './scaffold-error.js';

/** A source id: the SDK's rule (`SOURCE_ID_PATTERN`), repeated here so `create-plugin` loads without the SDK. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * Throws `ScaffoldError('invalid-id')` unless `id` is a valid source id.
 *
 * @example
 * ```ts
 * assertPluginId('maple-jobs'); // ok
 * assertPluginId('Maple_Jobs'); // throws: lower-case letters, digits and '-'
 * ```
 */
export function assertPluginId(id: string): void {
  if (!PLUGIN_ID_PATTERN.test(id)) {
    throw new ScaffoldError(
      'invalid-id',
      `"${id}" is not a valid plugin id: 2 to 40 characters, lower-case letters, digits and '-', starting with a letter (e.g. maple-jobs)`,
    );
  }
}

/**
 * A display name from an id, for when `--name` is not given.
 *
 * @example
 * ```ts
 * displayNameFromId('maple-jobs'); // 'Maple Jobs'
 * ```
 */
export function displayNameFromId(id: string): string {
  return id
    .split('-')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * A TypeScript identifier prefix from an id (the config type is `<ClassName>Config`).
 *
 * @example
 * ```ts
 * classNameFromId('maple-jobs-2'); // 'MapleJobs2'
 * ```
 */
export function classNameFromId(id: string): string {
  return displayNameFromId(id).replace(/ /g, '');
}

/**
 * The package name: `@pathfinder/plugin-<id>` in the repository's `plugins/`, `pathfinder-plugin-<id>`
 * for a third-party package (the `@pathfinder` scope is the project's own).
 *
 * @example
 * ```ts
 * packageNameFor('maple-jobs', 'standalone'); // 'pathfinder-plugin-maple-jobs'
 * ```
 */
export function packageNameFor(id: string, layout: 'workspace' | 'standalone'): string {
  return layout === 'workspace' ? `@pathfinder/plugin-${id}` : `pathfinder-plugin-${id}`;
}

/**
 * The minute of the hour the scaffolded schedule starts at: stable for an id and spread over the
 * hour, so that sources do not all start crawling at :00.
 *
 * @example
 * ```ts
 * scheduleMinuteFor('maple-jobs'); // a number 0..59, the same on every call
 * ```
 */
export function scheduleMinuteFor(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 997;
  return h % 60;
}
