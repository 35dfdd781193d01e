import { decodeEntities, type FeedItem } from '@pathfinder/sdk';
import { splitDescriptionHtml } from './html-description.js';
import type { JobDraft } from './job-draft.js';
import { jobIdFromLink, jobUrl, linkUrl } from './job-url.js';

/**
 * Turns one RSS item into a {@link JobDraft}: the job id from the link (else the guid), the
 * canonical URL on `baseUrl`, the labelled lines of the description and the rest as text/HTML.
 * Returns `undefined` when the item has neither an id nor a usable link.
 *
 * @example
 * ```ts
 * feedItemToDraft({ title: 'Clerk - Town of X (Gibsons, BC)', link: 'http://www.civicjobs.ca/jobs?id=123456',
 *   description: '<p>Employer: Town of X</p><p>Join us.</p>', categories: [] }, 'https://www.civicjobs.ca');
 * // { externalId: '123456', originalUrl: 'https://www.civicjobs.ca/jobs?id=123456', rawTitle: 'Clerk - Town of X (Gibsons, BC)',
 * //   labels: { employer: 'Town of X' }, description: 'Join us.', descriptionHtml: '<p>Join us.</p>' }
 * ```
 */
export function feedItemToDraft(item: FeedItem, baseUrl: string): JobDraft | undefined {
  const externalId = jobIdFromLink(item.link) ?? jobIdFromLink(item.guid) ?? bareId(item.guid);
  const originalUrl = externalId
    ? jobUrl(baseUrl, externalId)
    : item.link ? linkUrl(item.link, `${baseUrl}/`) : undefined;
  if (!originalUrl) return undefined;

  const split = splitDescriptionHtml(item.description ?? '');
  const draft: JobDraft = {
    originalUrl,
    // parseFeed decodes XML entities; HTML ones (&eacute;, double-escaped &amp;amp;) may remain.
    rawTitle: decodeEntities(item.title ?? '').trim(),
    labels: split.labels,
    description: split.text,
  };
  if (externalId) draft.externalId = externalId;
  if (split.html) draft.descriptionHtml = split.html;
  if (!draft.labels.category && item.categories?.[0]) draft.labels.category = decodeEntities(item.categories[0]).trim();
  if (item.pubDate?.trim()) draft.posted = item.pubDate.trim();
  return draft;
}

// A guid that is just the number (isPermaLink="false").
function bareId(guid: string | undefined): string | undefined {
  const g = guid?.trim();
  return g && /^\d{4,8}$/.test(g) ? g : undefined;
}
