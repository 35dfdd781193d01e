import { Type, type Static } from 'typebox';

/**
 * Settings an admin may change for the {{name}} source. Every field has a default, so an empty
 * object is a valid configuration; the engine validates and applies defaults before `crawl()`.
 *
 * @example
 * ```ts
 * // read a mirror that serves the listing under /careers instead of /jobs
 * const config: {{className}}Config = { listPath: '/careers' };
 * ```
 */
export const configSchema = Type.Object(
  {
    listPath: Type.String({
      pattern: '^/',
      default: '/jobs',
      description: 'Path of the listing page, relative to the base URL',
    }),
  },
  { additionalProperties: false },
);

/** The resolved configuration `ctx.config` carries. */
export type {{className}}Config = Static<typeof configSchema>;
