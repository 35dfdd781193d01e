import { normalizeWhitespace, type HtmlDocument, type HtmlElement } from '@pathfinder/sdk';

// linkedom implements cloneNode; the SDK's structural DOM type does not name it.
type Cloneable = HtmlElement & { cloneNode(deep: boolean): HtmlElement };

/** What the page's own markup says, for pages whose JSON-LD is missing or incomplete. */
export interface MarkupFields {
  /** The posting's heading (the entry title, not the site title), whitespace-normalised, entities decoded. */
  title?: string;
  /** The HTML of the main content (the entry body, without its heading), unsanitised. */
  contentHtml?: string;
  /** `meta property="article:published_time"` as written (usually ISO 8601 with an offset). */
  publishedTime?: string;
}

// Most specific first: WordPress themes wrap the body in .entry-content inside article inside main.
const CONTENT_SELECTORS = ['article .entry-content', '.entry-content', 'main article', 'article', 'main', '[role="main"]'];
// The posting's heading; a theme may also put the site name in an h1 inside the header.
const TITLE_SELECTORS = ['h1.entry-title', 'article h1', 'main h1', '.entry-header h1', 'h1'];
// Inside a broad container (article/main) these are page furniture, not the posting's text.
const NOT_CONTENT = 'h1, script, style, noscript, template, nav, form, aside, footer, header.entry-header, .entry-header, .sharedaddy, .share-buttons';

/**
 * Reads the fallback fields from a WordPress posting page.
 *
 * @example
 * ```ts
 * const m = readMarkup(res.document);
 * m.title;         // 'Communications Intern – Ability Edge'
 * m.publishedTime; // '2026-04-08T14:05:00+00:00'
 * ```
 */
export function readMarkup(doc: HtmlDocument): MarkupFields {
  const out: MarkupFields = {};
  for (const sel of TITLE_SELECTORS) {
    const text = normalizeWhitespace(doc.querySelector(sel)?.textContent ?? '');
    if (text) {
      out.title = text;
      break;
    }
  }
  if (!out.title) {
    const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
    if (og && normalizeWhitespace(og)) out.title = normalizeWhitespace(og);
  }
  for (const sel of CONTENT_SELECTORS) {
    const el = doc.querySelector(sel);
    if (!el) continue;
    // Work on a copy: the page's document stays as fetched for anyone else reading it.
    const copy = (el as Cloneable).cloneNode(true);
    for (const junk of Array.from(copy.querySelectorAll(NOT_CONTENT))) junk.remove();
    if (normalizeWhitespace(copy.textContent ?? '')) {
      out.contentHtml = stripWordListBullets(copy.innerHTML);
      break;
    }
  }
  const published = doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content')?.trim();
  if (published) out.publishedTime = published;
  return out;
}

/**
 * Removes the fake bullets Word writes before each list paragraph when the HTML is pasted into the
 * WordPress editor: `<!--[if !supportLists]--><span>·<span>&nbsp;&nbsp; </span></span><!--[endif]-->`.
 * The SDK strips the *downlevel-revealed* form (`<![if !supportLists]>…<![endif]>`) but this
 * comment-closed form leaves the "·" glyph in the text once the comments are dropped.
 *
 * @example
 * ```ts
 * stripWordListBullets('<p class="MsoListParagraph"><!--[if !supportLists]-->·&nbsp; <!--[endif]-->Pay</p>');
 * // '<p class="MsoListParagraph">Pay</p>'
 * ```
 */
export function stripWordListBullets(html: string): string {
  return html.replace(/<!--\[if !supportLists\]-->[\s\S]*?<!--\[endif\]-->/gi, '');
}
