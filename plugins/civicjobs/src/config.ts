import { Type, type Static } from 'typebox';

/** The feed that carries every job on the board. */
export const DEFAULT_FEED_PATH = '/rss';

/** The HTML listing read when the feed fails (assumed unpaginated beyond `rel="next"` links). */
export const LISTING_PATH = '/jobs';

/**
 * Admin-editable settings of the CivicJobs.ca source. Every field has a default (or is optional),
 * so `{}` is a valid configuration.
 *
 * @example
 * ```ts
 * // British Columbia only, no detail pages, at most 50 postings per run:
 * const config = { feedPath: '/rss/province.php?id=BC', fetchDetails: false, maxItems: 50 };
 * ```
 */
export const configSchema = Type.Object(
  {
    feedPath: Type.String({
      default: DEFAULT_FEED_PATH,
      pattern: '^/',
      description:
        'Path (and query) of the RSS feed under the base URL. "/rss" carries every job; narrower feeds include ' +
        '"/rss/province.php?id=BC", "/rss/region?id=9&region=Lower%20Mainland%20-%20BC" and "/rss/pc?id=36".',
    }),
    fetchDetails: Type.Boolean({
      default: true,
      description:
        'Fetch each job\'s detail page (/jobs?id=…) for the full description. Pages robots.txt disallows, and pages ' +
        'that fail, fall back to the feed\'s data.',
    }),
    maxItems: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Stop after this many postings (unset: every job in the feed).',
      }),
    ),
    listingFallback: Type.Boolean({
      default: true,
      description:
        'When the feed fails (error, non-2xx, or no items), read the HTML listing /jobs instead. The listing is ' +
        'the whole board: turn this off when feedPath is a narrower feed that may legitimately be empty.',
    }),
  },
  { additionalProperties: false },
);

/** The resolved configuration `ctx.config` carries (defaults applied by the engine). */
export type CivicJobsConfig = Static<typeof configSchema>;
