import { Type, type Static } from 'typebox';

/** The two sections of the board; both use the same listing and detail markup. */
export const SECTIONS = ['jobs', 'volunteer-jobs'] as const;

/** A section of workinnonprofits.ca: `jobs` (paid) or `volunteer-jobs` (unpaid). */
export type Section = (typeof SECTIONS)[number];

/**
 * Admin-editable settings of the Work In Nonprofits source. Every field has a default, so
 * `{}` is a valid configuration.
 *
 * @example
 * ```ts
 * // Paid jobs in Nova Scotia (9) and Ontario (6) only, at most 5 listing pages per region:
 * const config = { sections: ['jobs'], regions: [9, 6], maxPagesPerRegion: 5 };
 * ```
 */
export const configSchema = Type.Object(
  {
    sections: Type.Array(Type.Union([Type.Literal('jobs'), Type.Literal('volunteer-jobs')]), {
      default: [...SECTIONS],
      uniqueItems: true,
      description: 'Sections to crawl: "jobs" (paid, withPay true) and/or "volunteer-jobs" (withPay false).',
    }),
    regions: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        uniqueItems: true,
        description:
          'Region ids to limit the crawl to (the number in /jobs/list-by/region/{id}/{slug}, e.g. 9 = Nova Scotia, ' +
          '6 = Ontario). Unset or empty: every region linked from the section\'s search page.',
      }),
    ),
    maxPagesPerRegion: Type.Integer({
      minimum: 1,
      default: 20,
      description: 'Upper bound on listing pages followed per region (a guard against pagination loops).',
    }),
  },
  { additionalProperties: false },
);

/** The resolved configuration `ctx.config` carries (defaults applied by the engine). */
export type WorkInNonprofitsConfig = Static<typeof configSchema>;
