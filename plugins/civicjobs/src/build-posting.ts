import { parseDate, parseLocation, timeZoneForProvince, type JobPosting } from '@pathfinder/sdk';
import { closingDateToUtc } from './closing-date.js';
import type { JobDraft } from './job-draft.js';
import { parseJobTitle } from './parse-title.js';

/** The outcome of {@link buildPosting}: a posting, or why none could be made. */
export type BuildResult = { ok: true; posting: JobPosting } | { ok: false; reason: string };

// The SDK reads "3 days ago"; listings also say "2 hours ago".
const HOURS_AGO = /^(\d+)\s*(minute|hour)s?\s+ago$/i;

/**
 * Resolves a draft into a `JobPosting`: splits the title, prefers the labelled employer and
 * location over the title's, reads dates in the job's province's time zone (America/Toronto when
 * unknown) and sets `locationType` only when the source says remote or hybrid (on-site is left to
 * the pipeline's classifier, as are job type and term).
 *
 * @example
 * ```ts
 * buildPosting({ rawTitle: 'Clerk - Town of Gibsons (Gibsons, BC)', labels: { closingDate: 'December 4, 2026' },
 *   originalUrl: 'https://www.civicjobs.ca/jobs?id=1', externalId: '1', description: '' }, new Date());
 * // { ok: true, posting: { title: 'Clerk', companyName: 'Town of Gibsons', city: 'Gibsons', province: 'BC',
 * //   applicationDeadline: '2026-12-05T07:59:59.000Z', ... } }
 * ```
 */
export function buildPosting(draft: JobDraft, now: Date): BuildResult {
  const parts = parseJobTitle(draft.rawTitle, draft.labels.employer, { bare: draft.bareTitle });
  const companyName = draft.labels.employer || parts.employer;
  if (!parts.title) return { ok: false, reason: 'no title' };
  if (!companyName) return { ok: false, reason: `no employer in "${draft.rawTitle}"` };

  const posting: JobPosting = {
    title: clip(parts.title, 300),
    companyName: clip(companyName, 200),
    originalUrl: draft.originalUrl,
    description: draft.description,
  };
  if (draft.externalId) posting.externalId = draft.externalId;
  if (draft.descriptionHtml) posting.descriptionHtml = draft.descriptionHtml;

  const where = draft.labels.location || parts.location;
  const place = where ? parseLocation(where) : {};
  if (place.city) posting.city = clip(place.city, 120);
  if (place.province) posting.province = place.province;
  if (place.locationType === 'remote' || place.locationType === 'hybrid') posting.locationType = place.locationType;

  const timeZone = timeZoneForProvince(place.province);
  if (draft.labels.closingDate) {
    const deadline = closingDateToUtc(draft.labels.closingDate, timeZone, now);
    if (deadline) posting.applicationDeadline = deadline;
  }
  if (draft.posted) {
    const posted = parsePosted(draft.posted, timeZone, now);
    if (posted) posting.datePosted = posted;
  }
  return { ok: true, posting };
}

/**
 * A posted date: RFC 822 `pubDate`, calendar dates and "3 days ago"/"yesterday" via the SDK's
 * parseDate (in the job's zone), plus "2 hours ago" / "15 minutes ago".
 */
export function parsePosted(text: string, timeZone: string, now: Date): string | undefined {
  const t = text.trim();
  const ago = HOURS_AGO.exec(t);
  if (ago) {
    const unitMs = ago[2].toLowerCase() === 'hour' ? 3_600_000 : 60_000;
    return new Date(now.getTime() - Number(ago[1]) * unitMs).toISOString();
  }
  return parseDate(t, { now, timeZone });
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}\u2026`;
}
