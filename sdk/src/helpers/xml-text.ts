import { decodeEntities } from './entities.js';

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
 * broken document elsewhere does not lose the parts that are fine.
 */
export function findElements(xml: string, name: string): { attrs: Record<string, string>; inner: string }[] {
  const n = tagPattern(name);
  const re = new RegExp(`<${n}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${n}\\s*>)`, 'gi');
  const out: { attrs: Record<string, string>; inner: string }[] = [];
  for (const m of xml.matchAll(re)) out.push({ attrs: parseAttributes(m[1] ?? ''), inner: m[2] ?? '' });
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

function parseAttributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}
