/**
 * Removes the Microsoft Word / VML debris that employers paste into Work In Nonprofits postings,
 * before the HTML reaches the SDK's `htmlToText` and `sanitizeHtml`.
 *
 * The SDK helpers already drop comments and unknown tags, but two Word constructs carry *text*
 * that would survive them: the "downlevel-revealed" conditional blocks that draw list bullets
 * (`<![if !supportLists]>·&nbsp;&nbsp;<![endif]>`) and `<xml>` data islands outside comments. Both
 * are removed here together with VML drawings, `<o:p>` fillers and the `st1:`/`w:`/`o:` smart tags
 * (whose text, e.g. a place name, is kept).
 *
 * Run it on the page *source*, before parsing: an HTML parser silently drops the `<![if …]>`
 * markers and keeps the bullet they were hiding as ordinary text. It is safe on a whole page
 * (scripts, and so JSON-LD, are left alone) and idempotent.
 *
 * @example
 * ```ts
 * cleanWordHtml('<p class="MsoNormal">In <st1:place w:st="on">Sydney</st1:place><o:p>&nbsp;</o:p></p>');
 * // '<p class="MsoNormal">In Sydney</p>'
 * ```
 */
export function cleanWordHtml(html: string): string {
  let s = html;
  // Downlevel-hidden conditional comments (<!--[if gte mso 9]><xml>…</xml><![endif]-->), whole.
  s = s.replace(/<!--\s*\[if[^\]]*\]>[\s\S]*?<!\[endif\]\s*-->/gi, '');
  // Downlevel-revealed blocks Word uses for list bullets and line breaks ("supportLists",
  // "supportLineBreakNewLine"...): the content is a fake bullet glyph or a spare <br>, so it goes too.
  // Raw form <![if !x]>…<![endif]>, and the <!--[if !x]-->…<!--[endif]--> form an HTML parser serialises.
  s = s.replace(/<!(?:--)?\s*\[if\s+!support\w*\]\s*(?:--)?>[\s\S]*?<!(?:--)?\s*\[endif\]\s*(?:--)?>/gi, '');
  // Any other conditional marker left alone (unbalanced), then every comment.
  s = s.replace(/<!(?:--)?\s*\[(?:if[^\]]*|endif)\]\s*(?:--)?>/gi, '');
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  // Data islands and Word's style sheets never hold posting text. (Scripts stay: a whole page is
  // cleaned before parsing, and its JSON-LD lives in a script.)
  s = s.replace(/<(xml|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  // VML drawings: drop the element with its content (nested v:* parts included).
  s = s.replace(/<v:(\w+)\b[^>]*\/>/gi, '');
  s = s.replace(/<v:(\w+)\b[^>]*>[\s\S]*?<\/v:\1\s*>/gi, '');
  s = s.replace(/<\/?v:\w+\b[^>]*>/gi, '');
  // <o:p> is an empty-paragraph filler (usually "&nbsp;"): drop with content.
  s = s.replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p\s*>/gi, '');
  // Remaining namespaced tags (st1:place, st1:City, w:Sdt, o:SmartTagType, m:oMath…): keep their text.
  s = s.replace(/<\/?[a-z][\w-]*:[\w-]+\b[^>]*>/gi, '');
  // Spans Word marks "mso-list:Ignore" hold only a bullet or number drawn by hand.
  s = s.replace(/<span\b[^>]*mso-list:\s*ignore[^>]*>[\s\S]*?<\/span>\s*(?:<\/span>)?/gi, '');
  return s;
}
