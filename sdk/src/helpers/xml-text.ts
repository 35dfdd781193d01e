import { decodeEntities } from './entities.js';
import { ForwardSearch } from './forward-search.js';

/** Removes characters XML forbids (C0 controls except tab/newline/CR) and a leading BOM. */
export function stripXmlControlChars(xml: string): string {
  return xml.replace(/^\uFEFF/, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** The text of an XML element's inner content: CDATA sections kept verbatim, the rest entity-decoded. */
export function xmlInnerText(inner: string): string {
  let out = '';
  let last = 0;
  const re = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    out += decodeEntities(inner.slice(last, m.index));
    out += m[1];
    last = m.index + m[0].length;
  }
  out += decodeEntities(inner.slice(last));
  return out.trim();
}

/** Escapes a tag name (with an optional namespace prefix) for use in a RegExp. */
function tagPattern(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every element `<name …>inner</name>` (or `<name …/>`) in `xml`, without a full XML parse, so a
 * broken document elsewhere does not lose the parts that are fine. One forward pass: the next `>`
 * and the next closer are looked up once for all starts, so hostile text (`<item` repeated, no
 * closer) costs linear time.
 */
export function findElements(xml: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const n = tagPattern(name);
  const out: { attrs: Record<string, string>; inner: string }[] = [];
  const opens = new ForwardSearch(xml, new RegExp(`<${n}`));
  const gts = new ForwardSearch(xml, '>');
  const closers = new ForwardSearch(xml, new RegExp(`</${n}\\s*>`));
  let from = 0;
  for (let start = opens.next(from); start !== -1; start = opens.next(from)) {
    from = start + 1;
    const after = opens.end();
    const c = xml[after];
    let attrs = '';
    let open = after; // index of the '>' ending the start tag
    if (c !== undefined && /\s/.test(c)) {
      open = gts.next(after);
      if (open === -1) break; // no '>' anywhere further: nothing later can match either
      attrs = xml.slice(after, open);
      if (xml[open - 1] === '/') {
        out.push({ attrs: parseAttributes(attrs.slice(0, -1)), inner: '' });
        from = open + 1;
        continue;
      }
    } else if (c === '/' && xml[after + 1] === '>') {
      out.push({ attrs: {}, inner: '' });
      from = after + 2;
      continue;
    } else if (c !== '>') continue; // <itemfoo>: another element
    const close = closers.next(open + 1);
    if (close === -1) continue; // unclosed: a later self-closing one may still match
    out.push({ attrs: parseAttributes(attrs), inner: xml.slice(open + 1, close) });
    from = closers.end();
  }
  return out;
}

/** The first element's text (see {@link xmlInnerText}), trying each name in turn. */
export function firstText(xml: string, names: string[]): string | undefined {
  for (const name of names) {
    const el = findElements(xml, name).find((e) => e.inner.trim() !== '');
    if (el) return xmlInnerText(el.inner);
  }
  return undefined;
}

const ATTR_NAME = /[\w:.-]+/y;
const UNQUOTED = /[^\s"'>]+/y;

/** `name="v"`, `name='v'` and `name=v` pairs, read in one pass (a quote left open ends the reading of that pair only). */
function parseAttributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    ATTR_NAME.lastIndex = i;
    if (!ATTR_NAME.test(s)) {
      i++;
      continue;
    }
    const name = s.slice(i, ATTR_NAME.lastIndex);
    let j = ATTR_NAME.lastIndex;
    i = j;
    while (j < s.length && /\s/.test(s[j]!)) j++;
    if (s[j] !== '=') continue;
    j++;
    while (j < s.length && /\s/.test(s[j]!)) j++;
    const q = s[j];
    let value: string | undefined;
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, j + 1);
      if (close === -1) continue;
      value = s.slice(j + 1, close);
      i = close + 1;
    } else {
      UNQUOTED.lastIndex = j;
      if (!UNQUOTED.test(s)) continue;
      value = s.slice(j, UNQUOTED.lastIndex);
      i = UNQUOTED.lastIndex;
    }
    attrs[name.toLowerCase()] = decodeEntities(value);
  }
  return attrs;
}
