import { normalizeWhitespace } from '@pathfinder/sdk';

/** The labelled lines CivicJobs puts at the top of a description (and of a detail page). */
export interface DescriptionLabels {
  employer?: string;
  location?: string;
  category?: string;
  /** Raw text, e.g. `December 4, 2026`; turned into a UTC deadline later, once the province is known. */
  closingDate?: string;
}

/** Label spellings -> field. `Closing Date` is an assumption of sources.md; `Closing`/`Closes` are accepted too. */
const LABELS: Record<string, keyof DescriptionLabels> = {
  employer: 'employer',
  location: 'location',
  category: 'category',
  'closing date': 'closingDate',
  closing: 'closingDate',
  closes: 'closingDate',
};

const LABEL_WORDS = 'employer|location|category|closing\\s+date|closing|closes';
// A line that starts with a label: "Employer: City of X", "CLOSING DATE : Dec 4".
// A leading "- " or bullet is allowed: htmlToText renders <li> items that way.
const LINE_LABEL = new RegExp(`^(?:[-\u2022*]\\s+)?(${LABEL_WORDS})\\s*:\\s*(.*)$`, 'i');
// Where a second label starts on the same line ("Employer: X Location: Y" once <br>s are lost).
const INNER_LABEL = new RegExp(`\\s(?=(?:${LABEL_WORDS})\\s*:)`, 'gi');

/**
 * Separates the labelled lines (`Employer:`, `Location:`, `Category:`, `Closing Date:`) from the
 * rest of a description already turned into plain text (e.g. by `htmlToText`).
 *
 * Only a line that STARTS with a label counts, and only the first line of each label: the same
 * word later in the prose ("Location: the Operations Centre") stays in the text. A label with an
 * empty value takes the next line (`<strong>Employer:</strong></p><p>City of X</p>`).
 *
 * @example
 * ```ts
 * splitLabelledText('Employer: City of Surrey\nLocation: Surrey, BC\n\nJoin our team.');
 * // { labels: { employer: 'City of Surrey', location: 'Surrey, BC' }, text: 'Join our team.' }
 * ```
 */
export function splitLabelledText(text: string): { labels: DescriptionLabels; text: string } {
  const labels: DescriptionLabels = {};
  const kept: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const pieces = LINE_LABEL.test(line.trim()) ? line.trim().split(INNER_LABEL) : [line];
    const rest: string[] = [];
    for (const piece of pieces) {
      const m = LINE_LABEL.exec(piece.trim());
      const field = m ? LABELS[normalizeWhitespace(m[1]).toLowerCase()] : undefined;
      if (!m || !field || labels[field] !== undefined) {
        rest.push(piece);
        continue;
      }
      let value = cleanValue(m[2]);
      if (!value && pieces.length === 1) {
        // The value sits on the next non-empty line, unless that line is itself a label.
        let j = i + 1;
        while (j < lines.length && !lines[j].trim()) j++;
        if (j < lines.length && !LINE_LABEL.test(lines[j].trim())) {
          value = cleanValue(lines[j]);
          i = j;
        }
      }
      if (value) labels[field] = value;
    }
    if (rest.length) kept.push(rest.join(' '));
  }
  return { labels, text: tidyParagraphs(kept.join('\n')) };
}

// Inline wrappers a label or its value may sit in: <strong>, <b>, and Word's <span style="mso-…">/<font>.
const INLINE = 'strong|b|span|font|em|i|o:p';

/**
 * Removes the labelled lines from description HTML (before sanitising it for `descriptionHtml`),
 * with the same first-of-each-label rule as {@link splitLabelledText}. A label counts only at the
 * start of a line: right after a tag or a newline, optionally wrapped in `<strong>`, `<b>` or Word's `<span>`s.
 *
 * @example
 * ```ts
 * stripLabelsFromHtml('<p><strong>Employer:</strong> City of X<br/>Join us.</p>'); // '<p>Join us.</p>'
 * ```
 */
export function stripLabelsFromHtml(html: string): string {
  const seen = new Set<string>();
  const pattern = new RegExp(
    `(^|>|\\n)(\\s*)(?:<(?:${INLINE})\\b[^>]*>\\s*)*(${LABEL_WORDS})\\s*:\\s*(?:[^<\\n]|<\\/?(?:${INLINE})\\b[^>]*>)*(?:<br\\s*\\/?>)?`,
    'gi',
  );
  const stripped = html.replace(pattern, (whole, lead: string, _space: string, word: string) => {
    const field = LABELS[normalizeWhitespace(word).toLowerCase()];
    if (!field || seen.has(field)) return whole;
    seen.add(field);
    return lead;
  });
  // Paragraphs and list items left holding nothing but whitespace, <br>s or Word's empty <o:p>,
  // then lists left without items.
  return stripped
    .replace(/<(p|li)\b[^>]*>(?:\s|&nbsp;|<br\s*\/?>|<o:p>\s*<\/o:p>)*<\/\1>/gi, '')
    .replace(/<(ul|ol)\b[^>]*>\s*<\/\1>/gi, '');
}

function cleanValue(s: string): string {
  return normalizeWhitespace(s).replace(/^[:\-\u2013\s]+/, '').trim();
}

function tidyParagraphs(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
