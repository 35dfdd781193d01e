import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { PrivateAddressError } from '../errors.js';
import { CP1252 } from '../helpers/entities.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

// No keep-alive: requests to one host are at least crawlDelaySeconds apart, longer than most servers
// keep an idle connection (Node's http server: 5 s). A pooled socket is then one the server may be
// closing just as we reuse it: ECONNRESET, a retry and a full backoff. A fresh connection per request
// costs one handshake every few seconds; the agents send `Connection: close`.
const agent = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };

let gotScrapingModule: Promise<typeof import('got-scraping')> | undefined;

// got-scraping (with got and its header data) holds ~30 MB once imported: an API process that never
// crawls, or a worker before its first crawl, should not carry it.
async function loadGotScraping() {
  gotScrapingModule ??= import('got-scraping');
  return (await gotScrapingModule).gotScraping;
}

/**
 * The default transport: one HTTP exchange through got-scraping, with everything that would
 * second-guess the fetcher switched off. Redirects are NOT followed here (each hop must pass the
 * politeness checks), HTTP errors do not throw, got's own retries are off (ours are bounded and
 * clock-driven), and the header generator is off so our honest User-Agent is the one sent. Every
 * request opens its own HTTP/1.1 connection (no keep-alive, no HTTP/2 session kept between requests).
 * With `req.addressGuard` (the fetcher always sets it) the connection is refused with
 * PrivateAddressError when the host is, or resolves to, an address the guard's policy refuses.
 */
export const gotTransport: Transport = async (req: TransportRequest): Promise<TransportResponse> => {
  const gotScraping = await loadGotScraping();
  const guard = req.addressGuard;
  const target = new URL(req.url);
  guard?.assertLiteralHost(target);
  const res = await gotScraping({
    url: req.url,
    method: req.method as 'GET',
    headers: req.headers,
    body: req.body,
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    // A real timer on purpose: a hung socket must fail even when the crawl clock is fake.
    timeout: { request: req.timeoutMs },
    signal: req.signal,
    useHeaderGenerator: false,
    agent,
    // An HTTP/2 session would outlive the request just as a kept-alive socket does.
    http2: false,
    https: { rejectUnauthorized: true },
    responseType: 'buffer',
    decompress: true,
    // The resolved address is checked in the socket's own lookup, so it is the one connected to.
    ...(guard ? { dnsLookup: guard.lookupFor(target) } : {}),
  }).catch((error: unknown) => {
    // got wraps the lookup's refusal in its RequestError: hand the fetcher our coded error.
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof PrivateAddressError ? cause : error;
  });
  return {
    status: res.statusCode,
    url: res.url,
    headers: flattenHeaders(res.headers),
    body: decodeBody(res.rawBody, res.headers['content-type']),
  };
};

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Decodes a body using the charset of the Content-Type header, else of a `<meta charset>` or XML
 * declaration in the first bytes, else UTF-8. Old job boards still serve windows-1252 pages.
 */
export function decodeBody(body: Uint8Array, contentType?: string): string {
  const head = Buffer.from(body.subarray(0, 1024)).toString('latin1');
  const charset =
    /charset\s*=\s*["']?([\w:.-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  const label = charset.toLowerCase();
  // WHATWG maps latin1/iso-8859-1/ascii labels to windows-1252, but Node decodes them as plain
  // latin1, turning Word's curly quotes (0x91-0x94) into control characters.
  if (/^(windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|latin1|l1|us-ascii|ascii)$/.test(label)) {
    return Buffer.from(body).toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] ?? c);
  }
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    // An unknown label: UTF-8 is the least wrong guess.
    return new TextDecoder('utf-8').decode(body);
  }
}
