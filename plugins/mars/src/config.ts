import { Type, type Static } from 'typebox';

/**
 * Admin-editable settings of the MaRS source, with their defaults.
 *
 * @example
 * ```ts
 * // Also keep mid-level roles (they get no jobType; the pipeline classifies them):
 * { seniorities: ['internship', 'entry', 'mid_senior'] }
 * ```
 */
export const MarsConfigSchema = Type.Object(
  {
    /** Origin of the Getro API that serves the board's search (no trailing slash needed). */
    apiOrigin: Type.String({
      pattern: '^https?://[^\\s]+$', default: 'https://api.getro.com',
      description: 'Origin of the Getro API that serves the board\'s search.',
    }),
    /** Getro collection id of the MaRS board. */
    collectionId: Type.Integer({ minimum: 1, default: 383, description: 'Getro collection id of the MaRS board.' }),
    /** Getro `seniority` values to keep; every other job is dropped before any board page is fetched. */
    seniorities: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), {
      minItems: 1,
      default: ['internship', 'entry'],
      description: 'Getro seniority values to keep (e.g. internship, entry); every other job is dropped before any board page is fetched.',
    }),
    /** `hitsPerPage` sent to the search API (the server may cap a page at about 20 anyway). */
    hitsPerPage: Type.Integer({
      minimum: 1, maximum: 100, default: 20,
      description: 'Jobs asked for per search page (the server may cap a page at about 20 anyway).',
    }),
    /** Upper bound on search pages per run (a safety net against a runaway `count`). */
    maxPages: Type.Integer({
      minimum: 1, maximum: 500, default: 50,
      description: 'Upper bound on search pages per run (a safety net against a runaway result count).',
    }),
    /** Fetch each kept job's board page for its JSON-LD description (one request per job). */
    fetchDescriptions: Type.Boolean({
      default: true,
      description: 'Fetch each kept job\'s board page for its full description (one request per job).',
    }),
  },
  { additionalProperties: false },
);

/** The resolved MaRS settings (defaults applied). */
export type MarsConfig = Static<typeof MarsConfigSchema>;
