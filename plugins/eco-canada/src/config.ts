import { Type, type Static } from 'typebox';

/**
 * Admin-editable settings of the ECO Canada source. Every field has a default, so an empty
 * object is a valid configuration.
 *
 * @example
 * ```ts
 * // crawl only the first three listing pages of a mirror that serves the board under /board/jobs
 * const config: EcoCanadaConfig = { maxPages: 3, listPath: '/board/jobs' };
 * ```
 */
export const configSchema = Type.Object(
  {
    maxPages: Type.Integer({
      minimum: 1,
      maximum: 200,
      default: 25,
      description: 'Upper bound on listing pages followed through rel="next" in one run',
    }),
    listPath: Type.String({
      pattern: '^/',
      default: '/jobs',
      description: 'Path of the first listing page, relative to the base URL',
    }),
  },
  { additionalProperties: false },
);

/** The resolved configuration `ctx.config` carries (defaults applied by the engine). */
export type EcoCanadaConfig = Static<typeof configSchema>;
