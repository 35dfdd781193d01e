import { extractJsonLdJobPostings, jsonLdToPosting, type HtmlDocument, type JobPosting } from '@pathfinder/sdk';

/** What the JSON-LD `JobPosting` gives, mapped onto posting fields (only those it states). */
export type JsonLdFields = Partial<JobPosting>;

/**
 * Reads the first schema.org `JobPosting` of a page (a single object, an array, or inside `@graph`;
 * broken blocks next to a good one are skipped by the SDK's extractor) and maps it to posting fields
 * with the SDK's `jsonLdToPosting`, which already reads what Career Edge pages carry: `identifier`
 * in any of its shapes (`externalId`), `jobLocationType: TELECOMMUTE` (remote), and a `jobLocation`
 * with a structured address, a plain-string one or a French region name.
 * Returns `undefined` when the page has none.
 *
 * @example
 * ```ts
 * readJsonLd(res.document)?.externalId; // 'CE-24017'
 * ```
 */
export function readJsonLd(doc: HtmlDocument | string): JsonLdFields | undefined {
  const [found] = extractJsonLdJobPostings(doc);
  return found ? jsonLdToPosting(found) : undefined;
}
