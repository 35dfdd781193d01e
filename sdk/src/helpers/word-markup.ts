/**
 * Removes Microsoft Word / VML / Office XML noise from HTML pasted out of Word, before any parsing:
 * conditional comments (`<!--[if gte mso 9]>…<![endif]-->`, `<![if !supportLists]>…<![endif]>`),
 * `<xml>` islands, `<o:p>` (usually an `&nbsp;`), `<v:*>` shapes and `<w:*>` settings (with their
 * content), and the `<st1:*>` smart-tag wrappers (kept content: they wrap real words like "Halifax").
 *
 * @example
 * ```ts
 * stripWordMarkup('<p>Hi<o:p>&nbsp;</o:p> <st1:place>Halifax</st1:place></p>'); // '<p>Hi Halifax</p>'
 * ```
 */
export function stripWordMarkup(html: string): string {
  return (
    html
      // mso conditional comments hide VML and Word settings; remove them whole.
      .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '')
      // Downlevel-revealed conditionals carry list bullets ("·") we re-create ourselves.
      .replace(/<!\[if[^\]]*\]>[\s\S]*?<!\[endif\]>/gi, '')
      .replace(/<xml\b[^>]*>[\s\S]*?<\/xml>/gi, '')
      .replace(/<(v|w|o|m):([a-z0-9]+)\b[^>]*\/>/gi, '')
      .replace(/<(v|w|m):([a-z0-9]+)\b[^>]*>[\s\S]*?<\/\1:\2\s*>/gi, '')
      .replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p\s*>/gi, '')
      // Any Office-namespaced tag left (st1:place, st1:City, o:smarttagtype...): drop the tag, keep the text.
      .replace(/<\/?(st\d+|o|v|w|m):[a-z0-9]+\b[^>]*>/gi, '')
  );
}
