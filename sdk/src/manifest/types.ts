import type { TSchema } from 'typebox';
import type { CrawlContext } from '../context.js';
import type { JobPosting } from '../posting/schema.js';

/**
 * What a plugin declares: who it is, how politely to crawl, when, and how.
 * See {@link defineSource} for a full example.
 */
export interface SourceManifest<C extends object = Record<string, unknown>> {
  /** Stable id, used in URLs and the database: `/^[a-z][a-z0-9-]{1,39}$/`. */
  id: string;
  /** Display name, e.g. `CivicJobs.ca`. */
  name: string;
  /** The plugin's own semver version (usually its package.json version). */
  version: string;
  /** The SDK semver range the plugin was built for, e.g. `^1.0.0`; the engine refuses others. */
  sdk: string;
  /** http(s) origin, optionally with a path. */
  baseUrl: string;
  /** Minimum seconds between two requests to one host (the engine uses max(this, robots Crawl-delay)). */
  crawlDelaySeconds: number;
  /** Path prefixes never to request; robots.txt-style (`*` wildcard, trailing `$` anchors). */
  disallowedPaths?: string[];
  /** 5-field cron expression, e.g. `0 6,18 * * *` (06:00 and 18:00). */
  schedule: string;
  /**
   * Other origins serving the same site (SDK 1.1), e.g. `['http://www.civicjobs.ca']` when its pages
   * link with both schemes. When the engine points the source at a mirror (`--base-url`, the test
   * kit's `baseUrl`), links to these are fetched from the mirror too (see `mirrorOriginMap`).
   */
  siteOrigins?: string[];
  /**
   * Days a posting's details stay fresh (SDK 1.1; default 7): past this, `ctx.isFresh` says false and
   * the plugin re-reads the detail page even if the listing says unchanged, so closures and edits the
   * listing does not show are still caught. The engine may override it.
   */
  maxDetailAgeDays?: number;
  /** One-paragraph description for admins. */
  description?: string;
  /** TypeBox object schema of the admin-editable settings (defaults via `default`). */
  configSchema?: TSchema;
  /**
   * The largest share (0..1) of this source's active jobs one run may archive as "no longer listed".
   * Default 0.5: a run that would archive more than half of them archives nothing and ends `partial`,
   * since a listing that shrinks that much at once is more often a changed or broken site than a
   * real exodus. Raise it for a board that legitimately empties in waves (e.g. `1` for a seasonal
   * board). A run that yields nothing never archives, whatever this says. Since SDK 1.1.
   *
   * @example
   * ```ts
   * defineSource({ id: 'summer-board', maxArchiveFraction: 0.9, ... })
   * ```
   */
  maxArchiveFraction?: number;
  /** Yields the postings. Reach the network only through `ctx.fetch`. */
  crawl(ctx: CrawlContext<C>): AsyncIterable<JobPosting>;
}

/** A validated, frozen source, as `defineSource` returns it and plugins default-export it. */
export interface SourceDefinition<C extends object = Record<string, unknown>>
  extends Readonly<SourceManifest<C>> {
  readonly kind: 'pathfinder-source';
  /** `disallowedPaths` with the default applied (`[]`). */
  readonly disallowedPaths: string[];
}
