/**
 * Text clean-up shared by the normalise stage: HTML entities, odd whitespace, invisible characters.
 * Everything here is precompiled once; the functions allocate only the strings they return.
 */

// The named entities job boards actually send (Latin-1, French accents, typographic punctuation).
// Anything rarer is left as written: a visible `&foo;` is better than a wrong character.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: ' ', emsp: ' ', thinsp: ' ',
  shy: '\u00ad', zwsp: '\u200b', zwnj: '\u200c', zwj: '\u200d',
  ndash: '–', mdash: '—', hellip: '…', bull: '•', middot: '·', minus: '−',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›',
  prime: '′', Prime: '″', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷',
  cent: '¢', pound: '£', euro: '€', yen: '¥', sect: '§', para: '¶', frac12: '½', frac14: '¼', frac34: '¾',
  sup1: '¹', sup2: '²', sup3: '³', ordf: 'ª', ordm: 'º', iexcl: '¡', iquest: '¿', dagger: '†', Dagger: '‡',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', OElig: 'Œ',
  Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', Yuml: 'Ÿ', szlig: 'ß',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', oelig: 'œ',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ',
};

// Browsers read &#128;–&#159; as Windows-1252, and Word-made pages rely on it (&#146; is ’).
const CP1252: Record<number, string> = {
  128: '€', 130: '‚', 131: 'ƒ', 132: '„', 133: '…', 134: '†', 135: '‡', 136: 'ˆ', 137: '‰', 138: 'Š', 139: '‹',
  140: 'Œ', 142: 'Ž', 145: '‘', 146: '’', 147: '“', 148: '”', 149: '•', 150: '–', 151: '—', 152: '˜', 153: '™',
  154: 'š', 155: '›', 156: 'œ', 158: 'ž', 159: 'Ÿ',
};

// Named entities need their `;`, except the five that browsers (and sloppy feeds) accept bare.
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));|&(amp|lt|gt|quot|nbsp)(?![A-Za-z0-9;])/g;
// What is left after one pass when a feed escaped its HTML twice (`&amp;eacute;`).
const STILL_ENCODED = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

function fromCodePoint(n: number): string | undefined {
  if (n >= 128 && n <= 159) return CP1252[n];
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

function replaceEntity(match: string, dec?: string, hex?: string, name?: string, bare?: string): string {
  if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10)) ?? match;
  if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16)) ?? match;
  const key = name ?? bare!;
  return NAMED[key] ?? NAMED[key.toLowerCase()] ?? match;
}

/**
 * Decodes HTML character references: named (`&eacute;`), decimal (`&#233;`), hex (`&#xE9;`),
 * Windows-1252 numerics (`&#146;` → `’`) and text escaped twice (`&amp;amp;` → `&`).
 *
 * @example decodeEntities('Caf&eacute; &amp;amp; Bar') // 'Café & Bar'
 */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  let out = s.replace(ENTITY, replaceEntity);
  // A second pass only when the first produced a new reference from `&amp;…`.
  if (out !== s && s.includes('&amp;') && STILL_ENCODED.test(out)) out = out.replace(ENTITY, replaceEntity);
  return out;
}

// Zero-width characters, BOM, soft hyphens and C0/C1 controls that are not whitespace: invisible noise.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b\u200c\u2060\ufeff]/g;
// Every kind of horizontal space (NBSP, narrow NBSP, en/em/thin spaces, ideographic space, tabs…).
const HSPACE = /[\t\f\v \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const ANY_SPACE = /[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u000b\u000c\u0085]/g;
const SPACES_AROUND_NEWLINE = / *\n */g;
const MANY_NEWLINES = /\n{3,}/g;

// Anything any step below would change. Most plugins send text that is already clean (the SDK's
// htmlToText output): one scan that finds nothing saves six replace passes and their garbage.
const NEEDS_CLEANING = /[&\r\t\u000b\u000c\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00a0\u00ad\u1680\u2000-\u200c\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]| {2}| \n|\n |\n{3}|^\s|\s$/;

/**
 * One line of text: entities decoded, invisible characters dropped, every run of whitespace
 * (newlines and NBSP included) made one space, trimmed.
 *
 * @example cleanInline('  Data&nbsp;Analyst\n (Co-op) ') // 'Data Analyst (Co-op)'
 */
export function cleanInline(s: string): string {
  if (s.indexOf('\n') === -1 && !NEEDS_CLEANING.test(s)) return s;
  return decodeEntities(s).replace(INVISIBLE, '').replace(ANY_SPACE, ' ').trim();
}

/**
 * Multi-line text: like {@link cleanInline} within each line, but line breaks are kept and blank
 * lines collapse to one, so paragraphs stay separated by `\n\n`.
 *
 * @example cleanParagraphs('One\r\n\r\n\r\n  Two\u00a0 three ') // 'One\n\nTwo three'
 */
export function cleanParagraphs(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return decodeEntities(s)
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '')
    .replace(HSPACE, ' ')
    .replace(SPACES_AROUND_NEWLINE, '\n')
    .replace(MANY_NEWLINES, '\n\n')
    .trim();
}
