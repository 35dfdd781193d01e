import { createRequire } from 'node:module';
import { ParseError, TruncatedResponseError } from '../errors.js';
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
  // Without a Content-Length or chunked framing, the body ends where the connection closed: a cut
  // download looks complete to HTTP, so the document itself must show that it ended.
  const closeDelimited = headers['content-length'] === undefined && !/chunked/i.test(headers['transfer-encoding'] ?? '');
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
        if (closeDelimited && endsMidJson(text, (e as Error).message)) {
          throw new TruncatedResponseError(`Response from ${url} ends mid-JSON on a connection that closed without a length: the download was cut short`, { cause: e, url });
        }
        throw new ParseError(`Response from ${url} is not valid JSON: ${(e as Error).message}`, { cause: e, url });
      }
    },
    get document(): HtmlDocument {
      if (doc === undefined && closeDelimited && /<html[\s>]/i.test(text) && !/<\/html\s*>/i.test(text)) {
        throw new TruncatedResponseError(`The page ${url} ends before its </html> on a connection that closed without a length: the download was cut short`, { url });
      }
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
  return linkedom().parseHTML(src).document as unknown as HtmlDocument;
}

let linkedomModule: typeof import('linkedom') | undefined;

/**
 * linkedom, loaded on the first parse. With htmlparser2, css-select and the entity tables it is
 * ~250 modules and ~12 MB of memory, which an API process (it loads every plugin, and so this
 * module, at start) would otherwise hold without ever parsing a page. `require` (its CommonJS
 * build), because `document` is synchronous.
 */
function linkedom(): typeof import('linkedom') {
  linkedomModule ??= createRequire(import.meta.url)('linkedom') as typeof import('linkedom');
  return linkedomModule;
}

/**
 * Whether a JSON parse failed because the text stopped, not because it is wrong: V8 says "end of
 * JSON input" or "Unterminated string", or names a position at the very end of the text.
 */
function endsMidJson(text: string, message: string): boolean {
  const body = text.trimEnd();
  if (body === '') return false;
  if (/end of (JSON )?input|Unterminated string/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= body.length - 1;
}
