import { createRequire } from 'node:module';

/** What the apply redirect does with a job's URL. */
export type ApplyTarget =
  | { kind: 'redirect'; url: string }
  /** The URL now leads to another site than when the job was posted: the applicant confirms first. */
  | { kind: 'confirm'; url: string; postedUrl: string }
  /** Not a web address (`javascript:`, `data:`, unparsable…): never sent anywhere. */
  | { kind: 'refuse' };

function parseWebUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The site a URL belongs to: its registrable domain (`jobs.acme.co.uk` → `acme.co.uk`, by the Public
 * Suffix List, private suffixes included so two `*.github.io` pages are two sites), or the host itself
 * for an IP address or a single-label name.
 */
export function siteOf(url: URL): string {
  return tldts().getDomain(url.hostname, { allowPrivateDomains: true }) ?? url.hostname.toLowerCase();
}

/**
 * Decides where `GET /jobs/{id}/apply` may send someone. Only http(s) is followed. A URL on the same
 * site as the one the job was posted with (a new path, a careers subdomain) redirects at once; one
 * that moved to another site is shown, not followed, since a listing people trust could otherwise be
 * pointed at a phishing page after it was reviewed or shared.
 *
 * @example
 * decideApplyTarget('https://evil.example/login', 'https://careers.acme.ca/jobs/1'); // { kind: 'confirm', … }
 */
export function decideApplyTarget(current: string, atPosting: string | null): ApplyTarget {
  const url = parseWebUrl(current);
  if (!url) return { kind: 'refuse' };
  const posted = atPosting === null ? undefined : parseWebUrl(atPosting);
  // A job stored before the posting URL was kept has `current` as its own reference.
  if (posted && siteOf(posted) !== siteOf(url)) return { kind: 'confirm', url: url.href, postedUrl: posted.href };
  return { kind: 'redirect', url: url.href };
}

let tldtsModule: typeof import('tldts') | undefined;

/** tldts and its Public Suffix List (~2 MB in memory), required on the first apply redirect, not at start. */
function tldts(): typeof import('tldts') {
  tldtsModule ??= createRequire(import.meta.url)('tldts') as typeof import('tldts');
  return tldtsModule;
}
