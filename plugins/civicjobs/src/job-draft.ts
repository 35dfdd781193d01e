import type { DescriptionLabels } from './parse-description.js';

/**
 * What the feed (or the listing) says about one job, before the detail page and before the
 * fields are resolved into a `JobPosting` (the province, hence the time zone of the dates, may
 * only be known once the detail page is read).
 */
export interface JobDraft {
  /** The `id` query parameter of the job's link. */
  externalId?: string;
  /** Canonical link on the crawl's base URL. */
  originalUrl: string;
  /** The title as the source gives it, e.g. `Clerk - City of X (Victoria, BC)` (feed) or `Clerk` (listing). */
  rawTitle: string;
  /** True when `rawTitle` is the bare job title (listing cards): never split at its own ` - `. */
  bareTitle?: boolean;
  /** Labelled facts: employer, location, category, closing date (raw text). */
  labels: DescriptionLabels;
  /** Plain-text description without the labelled lines ('' when unknown). */
  description: string;
  /** Sanitised description HTML without the labelled lines. */
  descriptionHtml?: string;
  /** When the job was posted, as the source writes it (RFC 822 `pubDate`, or the listing's text). */
  posted?: string;
}

/** What a detail page adds to a draft. */
export interface DetailPage {
  /** The page's `h1`, used only when the draft has no title. */
  heading?: string;
  labels: DescriptionLabels;
  description: string;
  descriptionHtml?: string;
}

/**
 * Completes a draft with its detail page: the detail page's description replaces the feed's
 * (it is the full text), while labels the feed already gave win over the page's.
 */
export function mergeDetail(draft: JobDraft, detail: DetailPage): JobDraft {
  const labels: DescriptionLabels = { ...detail.labels };
  for (const [k, v] of Object.entries(draft.labels) as [keyof DescriptionLabels, string | undefined][]) {
    if (v) labels[k] = v;
  }
  const merged: JobDraft = {
    ...draft,
    rawTitle: draft.rawTitle || detail.heading || '',
    labels,
    description: detail.description || draft.description,
  };
  const html = detail.description ? detail.descriptionHtml : draft.descriptionHtml;
  if (html) merged.descriptionHtml = html;
  else delete merged.descriptionHtml;
  return merged;
}
