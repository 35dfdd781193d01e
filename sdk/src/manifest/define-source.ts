import type { Static, TSchema } from 'typebox';
import { ManifestError } from '../errors.js';
import type { SourceDefinition, SourceManifest } from './types.js';
import { manifestProblems } from './validate-manifest.js';

/**
 * Declares a source plugin: validates the manifest and returns a frozen {@link SourceDefinition}.
 * A plugin's entry is one `export default defineSource({...})`.
 *
 * Throws {@link ManifestError} (`PF_ERR_MANIFEST_INVALID`) naming the field, e.g.
 * `Invalid source manifest "civicjobs": version: "1.x" is not a valid semver version`.
 *
 * When `configSchema` is given, `ctx.config` is typed from it.
 *
 * @example
 * ```ts
 * import { Type } from 'typebox';
 * import { defineSource, parseFeed, htmlToText, parseDate } from '@pathfinder/sdk';
 *
 * export default defineSource({
 *   id: 'civicjobs',
 *   name: 'CivicJobs.ca',
 *   version: '1.0.0',
 *   sdk: '^1.0.0',
 *   baseUrl: 'https://www.civicjobs.ca',
 *   crawlDelaySeconds: 5,
 *   disallowedPaths: ['/admin'],
 *   schedule: '0 6,18 * * *',
 *   configSchema: Type.Object({ feedPath: Type.String({ default: '/rss' }) }),
 *   async *crawl(ctx) {
 *     const res = await ctx.fetch(ctx.config.feedPath);
 *     for (const item of parseFeed(res.text).items) {
 *       yield {
 *         title: item.title,
 *         companyName: 'CivicJobs employer',
 *         originalUrl: item.link,
 *         description: htmlToText(item.description),
 *         datePosted: item.pubDate ? parseDate(item.pubDate) : undefined,
 *       };
 *     }
 *   },
 * });
 * ```
 */
export function defineSource<S extends TSchema, C extends object = Static<S> & object>(
  m: SourceManifest<C> & { configSchema: S },
): SourceDefinition<C>;
/**
 * Declares a source plugin whose config type is given explicitly (or that has no config).
 *
 * @example
 * ```ts
 * interface Config { regions: string[] }
 * export default defineSource<Config>({ ...manifest, async *crawl(ctx) { ctx.config.regions; } });
 * ```
 */
export function defineSource<C extends object = Record<string, unknown>>(
  m: SourceManifest<C>,
): SourceDefinition<C>;
export function defineSource(m: SourceManifest): SourceDefinition {
  const problems = manifestProblems(m);
  if (problems.length > 0) {
    const rec = (m ?? {}) as { id?: unknown };
    const id = typeof rec.id === 'string' && rec.id ? rec.id : '(no id)';
    const field = problems[0]!.split(':')[0]!.replace(/\[\d+\]$/, '');
    throw new ManifestError(`Invalid source manifest "${id}": ${problems.join('; ')}`, { field });
  }
  const def: SourceDefinition = {
    ...m,
    baseUrl: m.baseUrl.replace(/\/+$/, ''),
    disallowedPaths: [...(m.disallowedPaths ?? [])],
    kind: 'pathfinder-source',
  };
  Object.freeze(def.disallowedPaths);
  return Object.freeze(def);
}

/**
 * True for a value made by {@link defineSource} (checked structurally, so it works across
 * copies of the SDK in different node_modules folders).
 *
 * @example
 * ```ts
 * const mod = await import(pluginEntry);
 * if (!isSourceDefinition(mod.default)) throw new Error('not a Pathfinder source');
 * ```
 */
export function isSourceDefinition(x: unknown): x is SourceDefinition<any> {
  if (x === null || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return r.kind === 'pathfinder-source' && typeof r.id === 'string' && typeof r.crawl === 'function';
}
