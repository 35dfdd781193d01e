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
 * @example
 * ```ts
 * stripWordMarkup('<p>Hi<o:p>&nbsp;</o:p> <st1:place>Halifax</st1:place></p>'); // '<p>Hi Halifax</p>'
 * stripWordMarkup('<p class=MsoListParagraph><!--[if !supportLists]--><span>·<span>&nbsp;</span></span><!--[endif]-->Teamwork</p>');
 * // '<p class=MsoListParagraph>Teamwork</p>'
 * ```
 */
export function stripWordMarkup(html: string): string {
  return (
    html
      // mso conditional comments hide VML and Word settings; remove them whole.
      .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '')
      // Downlevel-revealed conditionals carry list bullets ("·") we re-create ourselves.
      .replace(/<!\[if[^\]]*\]>[\s\S]*?<!\[endif\]>/gi, '')
      // The same, as Word puts it on the clipboard: two plain comments around visible fallback markup.
      .replace(/<!--\[if[^\]]*\]-->[\s\S]*?<!--\[endif\]-->/gi, '')
      // Editors that drop comments leave the bullet in its mso-list:Ignore span (one nested span of spaces).
      .replace(/<span\b[^>]*mso-list:\s*ignore[^>]*>(?:[^<]|<span\b[^>]*>[^<]*<\/span\s*>)*<\/span\s*>/gi, '')
      .replace(/<xml\b[^>]*>[\s\S]*?<\/xml>/gi, '')
      .replace(/<(v|w|o|m):([a-z0-9]+)\b[^>]*\/>/gi, '')
      .replace(/<(v|w|m):([a-z0-9]+)\b[^>]*>[\s\S]*?<\/\1:\2\s*>/gi, '')
      .replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p\s*>/gi, '')
      // Any Office-namespaced tag left (st1:place, st1:City, o:smarttagtype...): drop the tag, keep the text.
      .replace(/<\/?(st\d+|o|v|w|m):[a-z0-9]+\b[^>]*>/gi, '')
  );
}
