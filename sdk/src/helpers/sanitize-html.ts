import { createRequire } from 'node:module';
import type sanitizeType from 'sanitize-html';
import { unescapeIfEscapedHtml } from './entities.js';
import { limitNesting, STRAY_LT } from './nesting-limit.js';
import { stripWordMarkup } from './word-markup.js';

const ALLOWED_TAGS = [
  'p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 'a', 'h2', 'h3', 'h4', 'blockquote',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/**
 * Cleans HTML down to a safe allowlist for display: `p, br, ul, ol, li, strong, em, b, i, u, a, h2–h4,
 * blockquote` and basic tables. Links keep only http(s)/mailto `href`s (and get `rel="nofollow noopener"`);
 * scripts, styles, event handlers, classes and inline styles are removed; Word markup is stripped;
 * `h1` becomes `h2` and `h5`/`h6` become `h4`; empty paragraphs go. Safe on hostile input: the
 * Word clean-up is linear and elements nested deeper than 256 lose their tags (not their text)
 * before parsing, which keeps the parser's work linear too.
 *
 * @example
 * ```ts
 * sanitizeHtml('<p onclick="x()">Hi <script>bad()</script><a href="javascript:x">link</a></p>');
 * // '<p>Hi <a rel="nofollow noopener">link</a></p>'
 * ```
 */
export function sanitizeHtml(html: string): string {
  if (!html) return '';
  const sanitize = sanitizer();
  const cleaned = sanitize(limitNesting(stripWordMarkup(unescapeIfEscapedHtml(html))), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml', 'template'],
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: sanitize.simpleTransform('a', { rel: 'nofollow noopener' }),
    },
    exclusiveFilter: (frame) =>
      frame.tag === 'p' && !frame.mediaChildren.length && frame.text.replace(/[\s\u00a0]/g, '') === '',
  });
  const out = cleaned.replace(/(<br\s*\/?>\s*){3,}/gi, '<br /><br />').trim();
  return out.indexOf(STRAY_LT) === -1 ? out : out.replaceAll(STRAY_LT, '&lt;');
}

let sanitizeModule: typeof sanitizeType | undefined;

/**
 * sanitize-html (CommonJS, with htmlparser2 and PostCSS), required on the first call: a process
 * that loads the SDK but never cleans a description (an idle API, a worker between crawls) does
 * not hold it. Synchronous, as `sanitizeHtml` is.
 */
function sanitizer(): typeof sanitizeType {
  sanitizeModule ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeType;
  return sanitizeModule;
}
