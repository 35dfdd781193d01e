import { createElement, type ReactNode } from 'react';

/** The tags the API's sanitiser keeps (sdk/src/helpers/sanitize-html.ts); everything else loses its tag, not its text. */
export const KEPT_TAGS: ReadonlySet<string> = new Set(['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 'a', 'h2', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const RENAMED: Record<string, string> = { h1: 'h2', h5: 'h4', h6: 'h4' };
const DROPPED = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template']);

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const raw = el.tagName.toLowerCase();
  if (DROPPED.has(raw)) return null;
  const children = Array.from(el.childNodes, (c, i) => toReact(c, i));
  const tag = RENAMED[raw] ?? raw;
  if (!KEPT_TAGS.has(tag)) return <span key={key}>{children}</span>;
  if (tag === 'br') return <br key={key} />;
  const props: Record<string, unknown> = { key };
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    if (/^(https?:|mailto:)/i.test(href.trim())) props.href = href.trim();
    props.rel = 'nofollow noopener';
  }
  return createElement(tag, props, ...children);
}

/**
 * The preview of a formatted description: the HTML parsed inertly (DOMParser runs no script and
 * loads nothing) and rebuilt as React elements of the sanitiser's own allow-list, so the preview
 * shows what the job page will, and no markup of the employer's reaches the DOM as HTML.
 */
export function LimitedHtml({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return <>{Array.from(doc.body.childNodes, (c, i) => toReact(c, i))}</>;
}
