/**
 * Structural types of the linkedom DOM that plugins read.
 *
 * The repository compiles without TypeScript's `dom` lib (it would clash with Node's globals),
 * so the SDK names the part of the DOM a scraper needs. linkedom implements all of it.
 *
 * @example
 * ```ts
 * const res = await ctx.fetch('/jobs');
 * for (const card of res.document.querySelectorAll('div.job_item')) {
 *   const title = card.querySelector('span.lj_title a')?.textContent?.trim();
 *   const href = card.querySelector('a')?.getAttribute('href');
 * }
 * ```
 */
export interface HtmlNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
  readonly parentNode: HtmlNode | null;
  readonly childNodes: ArrayLike<HtmlNode> & Iterable<HtmlNode>;
}

/** A linkedom element (see {@link HtmlNode}). */
export interface HtmlElement extends HtmlNode {
  readonly tagName: string;
  readonly localName: string;
  id: string;
  className: string;
  innerHTML: string;
  readonly outerHTML: string;
  readonly children: ArrayLike<HtmlElement> & Iterable<HtmlElement>;
  readonly parentElement: HtmlElement | null;
  readonly nextElementSibling: HtmlElement | null;
  readonly previousElementSibling: HtmlElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement> & Iterable<HtmlElement>;
  closest(selectors: string): HtmlElement | null;
  matches(selectors: string): boolean;
  remove(): void;
}

/** A linkedom HTML document, as `FetchResponse.document` returns it. */
export interface HtmlDocument extends HtmlNode {
  readonly documentElement: HtmlElement;
  readonly head: HtmlElement;
  readonly body: HtmlElement;
  readonly title: string;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement> & Iterable<HtmlElement>;
  getElementById(id: string): HtmlElement | null;
  getElementsByTagName(name: string): ArrayLike<HtmlElement> & Iterable<HtmlElement>;
}
