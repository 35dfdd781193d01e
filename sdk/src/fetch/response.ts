import { parseHTML } from 'linkedom';
import { ParseError } from '../errors.js';
import type { HtmlDocument } from '../dom.js';
import type { FetchResponse } from './types.js';

/** Builds the FetchResponse a plugin sees; `document` is parsed on first access only. */
export function createFetchResponse(init: {
  status: number;
  url: string;
  headers: Record<string, string>;
  text: string;
}): FetchResponse {
  let doc: HtmlDocument | undefined;
  const { status, url, headers, text } = init;
  return {
    status,
    ok: status >= 200 && status < 300,
    notModified: status === 304,
    url,
    headers,
    text,
    json<T = unknown>(): T {
      try {
        // A BOM before JSON is common on IIS-hosted APIs and breaks JSON.parse.
        return JSON.parse(text.replace(/^\uFEFF/, '')) as T;
      } catch (e) {
        throw new ParseError(`Response from ${url} is not valid JSON: ${(e as Error).message}`, { cause: e, url });
      }
    },
    get document(): HtmlDocument {
      doc ??= parseHtmlDocument(text);
      return doc;
    },
  };
}

/**
 * Parses HTML into a linkedom Document (the same kind `FetchResponse.document` gives). A fragment
 * (no `<html>`) is wrapped so that `document.body` exists.
 *
 * @example
 * ```ts
 * const doc = parseHtmlDocument(job.description_html); // HTML found inside a JSON API answer
 * const bullets = [...doc.querySelectorAll('li')].map((li) => li.textContent?.trim());
 * ```
 */
export function parseHtmlDocument(html: string): HtmlDocument {
  const src = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(src).document as unknown as HtmlDocument;
}
