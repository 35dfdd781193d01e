/**
 * Collapses whitespace (including non-breaking and zero-width spaces) to single spaces and trims.
 * With `keepParagraphs`, line breaks survive: lines are trimmed and at most one blank line separates
 * paragraphs.
 *
 * @example
 * ```ts
 * normalizeWhitespace('  Junior\u00a0 Analyst\n ');              // 'Junior Analyst'
 * normalizeWhitespace('a \n\n\n\n b', { keepParagraphs: true });  // 'a\n\nb'
 * ```
 */
export function normalizeWhitespace(s: string, o: { keepParagraphs?: boolean } = {}): string {
  const cleaned = s.replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  if (!o.keepParagraphs) return cleaned.replace(/\s+/g, ' ').trim();
  return cleaned
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
