import type { HtmlNode } from '../dom.js';
import { parseHtmlDocument } from '../fetch/response.js';
import { unescapeIfEscapedHtml } from './entities.js';
import { limitNesting, STRAY_LT } from './nesting-limit.js';
import { stripWordMarkup } from './word-markup.js';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'iframe', 'object', 'embed', 'canvas', 'select', 'button', 'xml']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'blockquote', 'pre', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'form', 'fieldset', 'address', 'hr', 'center',
]);
const LINE = new Set(['tr', 'dt', 'dd', 'caption', 'figcaption']);

// Private-use sentinels mark breaks while text is assembled; real text never contains them.
const PARA = '\ue000';
const BR = '\ue001';

/**
 * Turns (messy) HTML into plain text: paragraphs separated by a blank line, list items as `- item`,
 * entities decoded, whitespace collapsed. Drops scripts, styles, comments and Word/VML markup
 * (`<o:p>`, `<v:*>`, `<w:*>`, `<st1:*>` wrappers keep their words, mso conditional comments); Word
 * list paragraphs (`MsoListParagraph…`) become `- item` lines without Word's "·" / "o" / "§" bullets.
 * Entity-escaped HTML (`&lt;p&gt;…`) is unescaped first.
 *
 * @example
 * ```ts
 * htmlToText('<p>We offer:</p><ul><li>Pay</li><li>Mentoring</li></ul><p>Apply&nbsp;now</p>');
 * // 'We offer:\n\n- Pay\n- Mentoring\n\nApply now'
 * ```
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  const source = limitNesting(stripWordMarkup(unescapeIfEscapedHtml(html)));
  const doc = parseHtmlDocument(source);
  const parts: string[] = [];
  walk(doc.body ?? doc, parts);
  const text = assemble(parts.join(''));
  return text.indexOf(STRAY_LT) === -1 ? text : text.replaceAll(STRAY_LT, '<');
}

interface Frame {
  kids: HtmlNode[];
  next: number;
  pre: boolean;
  inItem: boolean;
  /** What to write once the element's children are done. */
  after: string[];
}

// Inside a list item, blocks (<p>, a nested <ul>) break lines, not paragraphs, so items stay together.
// A loop over an explicit stack, not recursion: a deep tree must not overflow the call stack.
function walk(root: HtmlNode, out: string[]): void {
  const stack: Frame[] = [{ kids: Array.from(root.childNodes), next: 0, pre: false, inItem: false, after: [] }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.kids.length) {
      stack.pop();
      out.push(...frame.after);
      continue;
    }
    const child = frame.kids[frame.next++]!;
    const { pre, inItem } = frame;
    const enter = (childPre: boolean, childInItem: boolean, before: string[], after: string[]): void => {
      out.push(...before);
      stack.push({ kids: Array.from(child.childNodes), next: 0, pre: childPre, inItem: childInItem, after });
    };
    if (child.nodeType === 3) {
      const text = child.textContent ?? '';
      out.push(pre ? text.replace(/\r\n?|\n/g, BR) : text.replace(/[ \t\n\r\f]+/g, ' '));
      continue;
    }
    if (child.nodeType !== 1) continue; // comments, processing instructions
    const el = child as HtmlNode & { localName?: string; getAttribute?(n: string): string | null };
    const tag = (el.localName ?? child.nodeName).toLowerCase();
    if (DROP.has(tag) || tag.includes(':')) {
      // Stray Office tags that survived stripWordMarkup: keep their words, not the tag.
      if (tag.includes(':')) enter(pre, inItem, [], []);
      continue;
    }
    if (tag === 'br') {
      out.push(BR);
      continue;
    }
    if (tag === 'li' || isWordListParagraph(el)) {
      enter(pre, true, [BR, '- '], [BR]);
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      enter(pre, inItem, [' '], [' ']);
      continue;
    }
    const block = BLOCK.has(tag) && !inItem;
    const line = LINE.has(tag) || (BLOCK.has(tag) && inItem);
    const mark = block ? [PARA] : line ? [BR] : [];
    enter(pre || tag === 'pre', inItem, mark, mark);
  }
}

// Word exports bullets as <p class="MsoListParagraph…"> (or MsoListBullet…, or any class with an
// `mso-list:l0 level1 lfo1` style) rather than <li>; stripWordMarkup already removed the bullet glyph.
function isWordListParagraph(el: { getAttribute?(n: string): string | null; localName?: string }): boolean {
  if (el.localName !== 'p') return false;
  if (/\bMsoList(Paragraph|Bullet|Number)/i.test(el.getAttribute?.('class') ?? '')) return true;
  return /mso-list:\s*l\d+\s+level\d/i.test(el.getAttribute?.('style') ?? '');
}

function assemble(s: string): string {
  const text = s.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
  // Tokens alternate text and runs of break sentinels; each run becomes its strongest break.
  const tokens = text.split(/([\ue000\ue001]+)/);
  let out = '';
  let pending = '';
  let bullet: string | undefined; // the break that preceded a "- " whose text is still to come
  for (const token of tokens) {
    if (token.startsWith(PARA) || token.startsWith(BR)) {
      if (bullet !== undefined) continue; // <li><p>text</p></li>: the item's own blocks add no break
      if (token.includes(PARA)) pending = '\n\n';
      else if (pending === '') pending = '\n';
      continue;
    }
    const line = token.replace(/ {2,}/g, ' ').trim();
    if (line === '') continue;
    if (line === '-') {
      bullet ??= pending;
      pending = '';
      continue;
    }
    const lead = bullet !== undefined ? bullet : pending;
    out += (out ? lead : '') + (bullet !== undefined ? `- ${line}` : line);
    pending = '';
    bullet = undefined;
  }
  return out.trim();
}
