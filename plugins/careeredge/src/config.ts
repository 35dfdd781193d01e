import { Type, type Static } from 'typebox';

/**
 * Admin-editable settings of the Career Edge source. Every field has a default, so an
 * empty object is a valid configuration.
 *
 * The URL shapes are *assumed* (nobody has recorded the live job board), so they live here
 * as regular-expression sources an admin can change without a new plugin release.
 *
 * @example
 * ```ts
 * // Read a single job sitemap directly and stop after 20 posting pages:
 * { sitemapPath: '/job-sitemap.xml', maxPages: 20 }
 * ```
 */
export const configSchema = Type.Object(
  {
    /** Path (from the base URL's origin) of the sitemap to start at: a sitemap index or a plain urlset. */
    sitemapPath: Type.String({
      default: '/sitemap.xml', minLength: 1, pattern: '^/',
      description: 'Path (from the base URL\'s origin) of the sitemap to start at: a sitemap index or a plain urlset.',
    }),
    /** Regex source (case-insensitive); child sitemaps of an index are followed when their URL matches. */
    childSitemapPattern: Type.String({
      default: 'job|intern', minLength: 1,
      description: 'Regular expression (case-insensitive): child sitemaps of an index are followed when their URL matches.',
    }),
    /** Regex source (case-insensitive); sitemap URLs matching it are posting pages. */
    jobUrlPattern: Type.String({
      default: '/(job|internship)/[^/]+/?$', minLength: 1,
      description: 'Regular expression (case-insensitive) on a sitemap URL\'s path: matching URLs are posting pages.',
    }),
    /** Upper bound on posting pages fetched per run (unset: no bound). */
    maxPages: Type.Optional(Type.Integer({ minimum: 1, description: 'Upper bound on posting pages fetched per run (unset: no bound).' })),
  },
  { additionalProperties: false },
);

/** The resolved Career Edge settings, as `ctx.config` holds them. */
export type CareerEdgeConfig = Static<typeof configSchema>;

/** The defaults, for callers that build a config by hand (tests, the crawl's own fallback). */
export const DEFAULT_CONFIG: CareerEdgeConfig = {
  sitemapPath: '/sitemap.xml',
  childSitemapPattern: 'job|intern',
  jobUrlPattern: '/(job|internship)/[^/]+/?$',
};
