import { decodeHTMLStrict } from 'entities';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes character references (`&amp;`, `&#233;`, `&#xE9;`, and HTML named ones like `&eacute;`).
 * An `&` that starts no valid reference is left as is (feeds often carry a bare `&`).
 *
 * @example
 * ```ts
 * decodeEntities('Fish &amp; Chips &eacute;t&#233; & more'); // 'Fish & Chips été & more'
 * ```
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Windows-1252 numeric refs (&#146; for an apostrophe) are common in pasted Word text.
      const mapped = code >= 0x80 && code <= 0x9f ? CP1252[code - 0x80] : undefined;
      if (mapped) return mapped;
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const known = XML_ENTITIES[ref];
    if (known !== undefined) return known;
    // HTML has ~2 000 named references: the `entities` package (htmlparser2's own table) knows them
    // all, in constant time per reference (an HTML parse per unknown name, cached, let anyone
    // grow a cache and spend a parse per made-up name).
    return decodeHTMLStrict(whole);
  });
}

/** Windows-1252's characters for bytes 0x80-0x9F (undefined where the code page has none). */
export const CP1252: readonly (string | undefined)[] = [
  '€', undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', undefined, 'Ž', undefined,
  undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', undefined, 'ž', 'Ÿ',
];

/**
 * True when `s` looks like HTML that was entity-escaped once more than it should be
 * (`&lt;p&gt;Hello&lt;/p&gt;`): it has escaped tags and no real ones.
 */
export function looksEntityEscapedHtml(s: string): boolean {
  return /&lt;\/?[a-z][a-z0-9:-]*(\s|&gt;|\/)/i.test(s) && !/<\/?[a-z][a-z0-9:-]*[\s>/]/i.test(s);
}

/** Undoes one level of escaping when {@link looksEntityEscapedHtml}; else returns `s` unchanged. */
export function unescapeIfEscapedHtml(s: string): string {
  let out = s;
  // Some feeds escape twice (&amp;lt;p&amp;gt;): peel at most two levels.
  for (let i = 0; i < 2 && (looksEntityEscapedHtml(out) || /&amp;lt;[a-z/]/i.test(out)); i++) out = decodeEntities(out);
  return out;
}
