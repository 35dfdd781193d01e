import { htmlToText, sanitizeHtml } from '@pathfinder/sdk';
import { splitLabelledText, stripLabelsFromHtml, type DescriptionLabels } from './parse-description.js';

/** A description split into labelled facts, plain text and sanitised HTML. */
export interface SplitDescription {
  labels: DescriptionLabels;
  text: string;
  html?: string;
}

const HAS_TAG = /<\/?[a-z][\w:-]*[\s>/]|<!--/i;
// C0 controls other than tab/newline/CR (a feed once carried a stray \x0b), and DEL.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Reads a CivicJobs description (feed `<description>` or detail-page body): labelled lines out,
 * the rest as plain text and as sanitised HTML. Plain-text descriptions (no tags) keep their
 * line breaks, so their labels stay on lines of their own.
 *
 * @example
 * ```ts
 * splitDescriptionHtml('<p><strong>Employer:</strong> City of X<br/>Join us.</p>');
 * // { labels: { employer: 'City of X' }, text: 'Join us.', html: '<p>Join us.</p>' }
 * ```
 */
export function splitDescriptionHtml(raw: string): SplitDescription {
  const cleaned = raw.replace(CONTROL_CHARS, ' ');
  const html = HAS_TAG.test(cleaned) ? cleaned : cleaned.replace(/\r?\n/g, '<br />\n');
  const { labels, text } = splitLabelledText(htmlToText(html));
  // Source indentation is noise in stored HTML; line breaks are kept, leading spaces dropped.
  const clean = sanitizeHtml(stripLabelsFromHtml(html)).replace(/\n[ \t]+/g, '\n').trim();
  return clean && text ? { labels, text, html: clean } : { labels, text };
}
