import { ForwardSearch } from './forward-search.js';

/**
 * Removes Microsoft Word / VML / Office XML noise from HTML pasted out of Word, before any parsing:
 * conditional comments with what they wrap (`<!--[if gte mso 9]>…<![endif]-->`, and the list
 * fallbacks `<![if !supportLists]>…<![endif]>` and `<!--[if !supportLists]-->…<!--[endif]-->`, whose
 * "·", "o", "§" or "1." bullet would otherwise end up in the text), a bullet left in a
 * `mso-list:Ignore` span once an editor dropped those comments, `<xml>` islands, `<o:p>` (usually an
 * `&nbsp;`), `<v:*>` shapes and `<w:*>` settings (with their content), and the `<st1:*>` smart-tag
 * wrappers (kept content: they wrap real words like "Halifax"). The list item's own text stays;
 * `htmlToText` then writes Word list paragraphs as `- item` lines.
 *
 * Runs in time linear in the length of `html`, whatever it holds (each step is one forward pass;
 * see `forward-search.ts`), so it is safe on text from anyone.
 *
 * @example
 * ```ts
 * stripWordMarkup('<p>Hi<o:p>&nbsp;</o:p> <st1:place>Halifax</st1:place></p>'); // '<p>Hi Halifax</p>'
 * stripWordMarkup('<p class=MsoListParagraph><!--[if !supportLists]--><span>·<span>&nbsp;</span></span><!--[endif]-->Teamwork</p>');
 * // '<p class=MsoListParagraph>Teamwork</p>'
 * ```
 */
export function stripWordMarkup(html: string): string {
  if (html.indexOf('<') === -1) return html;
  let s = html;
  // mso conditional comments hide VML and Word settings; remove them whole.
  s = removeConditionals(s, '<!--[if', ']>', '<![endif]-->');
  // Downlevel-revealed conditionals carry list bullets ("·") we re-create ourselves.
  s = removeConditionals(s, '<![if', ']>', '<![endif]>');
  // The same, as Word puts it on the clipboard: two plain comments around visible fallback markup.
  s = removeConditionals(s, '<!--[if', ']-->', '<!--[endif]-->');
  // Editors that drop comments leave the bullet in its mso-list:Ignore span (one nested span of spaces).
  s = removeIgnoredListSpans(s);
  s = removeElements(s, /<xml\b/, () => '</xml>');
  s = removeSelfClosingOfficeTags(s);
  s = removeOfficeElements(s);
  s = removeElements(s, /<o:p\b/, () => /<\/o:p\s*>/);
  // Any Office-namespaced tag left (st1:place, st1:City, o:smarttagtype...): drop the tag, keep the text.
  return removeTags(s, /<\/?(?:st\d+|o|v|w|m):[a-z0-9]+\b/, () => true);
}

/**
 * Removes what `s.replace(re, '')` would for the regex `open` + `[^\]]*` + `close-of-open` +
 * `[\s\S]*?` + `end`, in one pass: the condition runs to the first `]`, and the end is the first
 * `end` after it.
 */
function removeConditionals(s: string, open: string, openEnd: string, end: string): string {
  if (s.indexOf(open.slice(0, 3)) === -1) return s;
  const opens = new ForwardSearch(s, open);
  const brackets = new ForwardSearch(s, ']');
  const ends = new ForwardSearch(s, end);
  return cut(s, opens, (start) => {
    const b = brackets.next(start + open.length);
    if (b === -1) return NONE_LEFT;
    if (!s.startsWith(openEnd, b)) return NO_MATCH;
    const e = ends.next(b + openEnd.length);
    return e === -1 ? NONE_LEFT : ends.end();
  });
}

// A Word bullet span holds a glyph and one span of spaces: a few hundred characters at most.
const BULLET_SPAN_LIMIT = 2000;
const CLOSE_SPAN = /<\/span\s*>/iy;
const OPEN_SPAN = /<span\b/iy;

/**
 * `<span …mso-list:Ignore…>` + text and complete `<span>…</span>`s + `</span>`, removed (the regex
 * `<span\b[^>]*mso-list:\s*ignore[^>]*>(?:[^<]|<span\b[^>]*>[^<]*<\/span\s*>)*<\/span\s*>`, which is
 * cubic on `<span mso-list: ignore` repeated).
 */
function removeIgnoredListSpans(s: string): string {
  const spans = new ForwardSearch(s, /<span\b/);
  const ignores = new ForwardSearch(s, /mso-list:\s*ignore/);
  const gts = new ForwardSearch(s, '>');
  return cut(s, spans, (start) => {
    const gt = gts.next(start + 5);
    if (gt === -1) return NONE_LEFT;
    const ignore = ignores.next(start + 5);
    if (ignore === -1) return NONE_LEFT;
    if (ignore > gt) return NO_MATCH;
    const body = s.slice(gt + 1, gt + 1 + BULLET_SPAN_LIMIT);
    const end = bulletSpanEnd(body);
    return end === -1 ? NO_MATCH : gt + 1 + end;
  });
}

/** End of `(?:[^<]|<span…>[^<]*</span>)*</span\s*>` at the start of `body`, or -1. */
function bulletSpanEnd(body: string): number {
  let at = 0;
  for (;;) {
    const lt = body.indexOf('<', at);
    if (lt === -1) return -1;
    CLOSE_SPAN.lastIndex = lt;
    if (CLOSE_SPAN.test(body)) return CLOSE_SPAN.lastIndex;
    OPEN_SPAN.lastIndex = lt;
    if (!OPEN_SPAN.test(body)) return -1;
    const gt = body.indexOf('>', lt);
    const inner = gt === -1 ? -1 : body.indexOf('<', gt + 1);
    if (inner === -1) return -1;
    CLOSE_SPAN.lastIndex = inner;
    if (!CLOSE_SPAN.test(body)) return -1;
    at = CLOSE_SPAN.lastIndex;
  }
}

/**
 * Elements removed with their content: `open` + `[^>]*>` + `[\s\S]*?` + the closer `closer(match)`
 * gives (the same closer for every start, so one forward search serves them all).
 */
function removeElements(s: string, open: RegExp, closer: () => RegExp | string): string {
  const opens = new ForwardSearch(s, open);
  const gts = new ForwardSearch(s, '>');
  const ends = new ForwardSearch(s, closer());
  return cut(s, opens, () => {
    const gt = gts.next(opens.end());
    if (gt === -1) return NONE_LEFT;
    const e = ends.next(gt + 1);
    return e === -1 ? NONE_LEFT : ends.end();
  });
}

/** `<v:fill …/>`, `<o:lock …/>`: `<(v|w|o|m):name\b[^>]*\/>`. */
function removeSelfClosingOfficeTags(s: string): string {
  return removeTags(s, /<(?:v|w|o|m):[a-z0-9]+\b/, (nameEnd, gt) => gt - 1 >= nameEnd && s[gt - 1] === '/');
}

/** Tags `open` + `[^>]*>` for which `keep(openEnd, gt)` holds, removed. */
function removeTags(s: string, open: RegExp, accept: (openEnd: number, gt: number) => boolean): string {
  const opens = new ForwardSearch(s, open);
  const gts = new ForwardSearch(s, '>');
  return cut(s, opens, () => {
    const gt = gts.next(opens.end());
    if (gt === -1) return NONE_LEFT;
    return accept(opens.end(), gt) ? gt + 1 : NO_MATCH;
  });
}

/**
 * `<v:shape …>…</v:shape>` and `<w:WordDocument>…</w:WordDocument>` with their content: the regex
 * `<(v|w|m):([a-z0-9]+)\b[^>]*>[\s\S]*?<\/\1:\2\s*>`. Every closer is listed once, by name, so a
 * start finds its own closer without reading past the others again.
 */
function removeOfficeElements(s: string): string {
  const closers = new Map<string, { at: number[]; end: number[]; i: number }>();
  for (const m of s.matchAll(/<\/(v|w|m):([a-z0-9]+)\s*>/gi)) {
    const key = `${m[1]}:${m[2]}`.toLowerCase();
    let list = closers.get(key);
    if (!list) closers.set(key, (list = { at: [], end: [], i: 0 }));
    list.at.push(m.index);
    list.end.push(m.index + m[0].length);
  }
  if (closers.size === 0) return s;
  const opens = new ForwardSearch(s, /<(v|w|m):([a-z0-9]+)\b/);
  const gts = new ForwardSearch(s, '>');
  return cut(s, opens, () => {
    const gt = gts.next(opens.end());
    if (gt === -1) return NONE_LEFT;
    const list = closers.get(`${opens.group(1)}:${opens.group(2)}`.toLowerCase());
    if (!list) return NO_MATCH;
    // Starts come in rising order, so each name's pointer only moves forward.
    while (list.i < list.at.length && list.at[list.i]! <= gt) list.i++;
    return list.i < list.at.length ? list.end[list.i]! : NO_MATCH;
  });
}

/** No match at this start; try the next one. */
const NO_MATCH = -1;
/** No match here nor at any later start. */
const NONE_LEFT = -2;

/**
 * Removes, left to right and without overlap, the matches `matchEnd` finds at each start `opens`
 * yields (the way a global `replace` walks), `matchEnd` returning the match's end or a code above.
 */
function cut(s: string, opens: ForwardSearch, matchEnd: (start: number) => number): string {
  let out = '';
  let kept = 0;
  let from = 0;
  for (let start = opens.next(from); start !== -1; start = opens.next(from)) {
    const end = matchEnd(start);
    if (end === NONE_LEFT) break;
    if (end === NO_MATCH) {
      from = start + 1;
      continue;
    }
    out += s.slice(kept, start);
    kept = from = end;
  }
  return kept === 0 ? s : out + s.slice(kept);
}
