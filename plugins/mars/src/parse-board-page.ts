/**
 * Reads a job's description from its board page (`/companies/{org}/jobs/{id}-{slug}`).
 *
 * The page is server-rendered with hashed, build-specific CSS class names, so nothing is read
 * from the markup: only the schema.org `JobPosting` in its JSON-LD.
 */
import { extractJsonLdJobPostings, jsonLdToPosting, normalizeWhitespace, type HtmlDocument } from '@pathfinder/sdk';

/** What a board page adds to a search result. */
export interface BoardPageDetails {
  description: string;
  descriptionHtml?: string;
}

function titleOf(j: unknown): string {
  const t = (j as { title?: unknown; name?: unknown }) ?? {};
  const s = typeof t.title === 'string' ? t.title : typeof t.name === 'string' ? t.name : '';
  return normalizeWhitespace(s).toLowerCase();
}

/**
 * The description of the page's JSON-LD `JobPosting`, or `undefined` when the page has none
 * with a non-empty description.
 *
 * When a page carries several postings (a "similar jobs" block, say), the one whose title
 * matches `expectedTitle` wins; otherwise the first.
 *
 * @example
 * ```ts
 * const html = '<script type="application/ld+json">{"@type":"JobPosting","title":"Intern",' +
 *   '"description":"&lt;p&gt;Build things.&lt;/p&gt;"}</script>';
 * parseBoardPage(html, { expectedTitle: 'Intern' }); // { description: 'Build things.', descriptionHtml: '<p>Build things.</p>' }
 * ```
 */
export function parseBoardPage(
  page: HtmlDocument | string,
  o: { expectedTitle?: string; url?: string } = {},
): BoardPageDetails | undefined {
  const found = extractJsonLdJobPostings(page);
  if (found.length === 0) return undefined;
  const want = o.expectedTitle ? normalizeWhitespace(o.expectedTitle).toLowerCase() : '';
  const ordered = want ? [...found.filter((j) => titleOf(j) === want), ...found.filter((j) => titleOf(j) !== want)] : found;
  for (const j of ordered) {
    const mapped = jsonLdToPosting(j, o.url ? { url: o.url } : undefined);
    const description = typeof mapped.description === 'string' ? mapped.description.trim() : '';
    if (!description) continue;
    const html = typeof mapped.descriptionHtml === 'string' ? mapped.descriptionHtml.trim() : '';
    return html ? { description, descriptionHtml: html } : { description };
  }
  return undefined;
}
