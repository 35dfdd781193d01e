import { ForwardSearch } from './forward-search.js';

/**
 * What {@link limitNesting} puts for a `<` that starts no tag (`a < b`, `<<<`): a private-use
 * character the caller turns back into `<` (or `&lt;`) after parsing. The parser would make a text
 * node of each such `<`, and a hundred thousand text nodes cost linkedom seconds.
 */
export const STRAY_LT = '\ue002';

/** How deep {@link limitNesting} lets elements nest; real postings stay far below it. */
export const MAX_NESTING = 256;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Opening one of these closes an open element of the same kind (and <p> is closed by any block),
// as the HTML parser does: `<li>a<li>b` and `<p>a<p>b` are siblings, not nested.
const CLOSES_SAME = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'rt', 'rp']);
const CLOSES_P = new Set([
  'p', 'div', 'ul', 'ol', 'dl', 'table', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'main', 'aside',
  'nav', 'form', 'fieldset', 'figure', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
]);
// The parser turns a stray </p> into <p></p> and </br> into <br>: keep those as the parser would see them.
const KEEP_STRAY_CLOSE = new Set(['p', 'br']);
const TAG_NAME = /[^\s/>]+/y;

/**
 * Bounds the work an HTML parser does on `html`, before `sanitizeHtml` or `htmlToText` hand it to
 * htmlparser2 (through sanitize-html or linkedom). Those keep the open elements on a stack that
 * they search and shift on every tag, so ten thousand unclosed `<span>`s or stray `</i>`s cost
 * seconds (quadratic), and a deep tree overflows any recursive walk. In one pass it drops start
 * tags nested deeper than {@link MAX_NESTING} (with their matching end tags) and end tags that close
 * nothing, and writes a `<` that starts no tag as {@link STRAY_LT}; text is never dropped. Comments
 * are passed over whole.
 *
 * @example
 * ```ts
 * limitNesting('<b>bold</b></i>'); // '<b>bold</b>'
 * limitNesting('1 < 2');             // '1 \ue002 2'
 * ```
 */
export function limitNesting(html: string): string {
  if (html.indexOf('<') === -1) return html;
  const gts = new ForwardSearch(html, '>');
  const commentEnds = new ForwardSearch(html, '-->');
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  let out = '';
  let kept = 0;
  const drop = (from: number, to: number): void => {
    out += html.slice(kept, from);
    kept = to;
  };
  for (let lt = html.indexOf('<'); lt !== -1; ) {
    if (html.startsWith('<!--', lt)) {
      const end = commentEnds.next(lt + 4);
      if (end === -1) break;
      lt = html.indexOf('<', end + 3);
      continue;
    }
    const closing = html[lt + 1] === '/';
    const nameAt = closing ? lt + 2 : lt + 1;
    const first = html.charCodeAt(nameAt) | 0x20;
    if (first < 0x61 || first > 0x7a) {
      // Not a tag ("<" in text, "<!doctype", "<?xml"): the parser reads it as text or skips it.
      const next = html[lt + 1];
      if (next !== '!' && next !== '?' && next !== '/') {
        out += html.slice(kept, lt) + STRAY_LT;
        kept = lt + 1;
      }
      lt = html.indexOf('<', lt + 1);
      continue;
    }
    const gt = gts.next(nameAt);
    if (gt === -1) break; // an unterminated tag runs to the end: nothing after it is a tag
    TAG_NAME.lastIndex = nameAt;
    TAG_NAME.test(html);
    const name = html.slice(nameAt, Math.min(TAG_NAME.lastIndex, gt)).toLowerCase();
    if (closing) {
      const hidden = dropped.get(name) ?? 0;
      const at = stack.lastIndexOf(name);
      if (hidden > 0) {
        // Its start tag (the innermost of that name) was dropped: drop the end tag too, so that it
        // does not close a kept element.
        dropped.set(name, hidden - 1);
        drop(lt, gt + 1);
      } else if (at !== -1) {
        stack.length = at;
        // Every dropped start tag sat inside the element just closed: none is open any more.
        if (dropped.size > 0) dropped.clear();
      } else if (!KEEP_STRAY_CLOSE.has(name)) drop(lt, gt + 1);
    } else if (!VOID.has(name)) {
      const top = stack[stack.length - 1];
      if (top !== undefined && ((CLOSES_SAME.has(name) && top === name) || (top === 'p' && CLOSES_P.has(name)))) stack.pop();
      if (stack.length >= MAX_NESTING) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        drop(lt, gt + 1);
      } else stack.push(name);
    }
    lt = html.indexOf('<', gt + 1);
  }
  return kept === 0 ? html : out + html.slice(kept);
}
