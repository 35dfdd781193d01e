import type { HtmlDocument } from '../dom.js';
import type { AddressGuard } from './address-guard.js';

/**
 * Options for one `ctx.fetch` call.
 *
 * @example
 * ```ts
 * await ctx.fetch('https://api.getro.com/api/v2/collections/383/search/jobs', {
 *   method: 'POST', headers: { accept: 'application/json' }, json: { page: 0, hitsPerPage: 20 },
 * });
 * ```
 */
export interface FetchOptions {
  /** HTTP method; default GET. */
  method?: 'GET' | 'POST' | 'HEAD';
  /** Extra request headers. `user-agent` cannot be overridden. */
  headers?: Record<string, string>;
  /** A raw request body. */
  body?: string;
  /** A value sent as JSON (sets `content-type: application/json`). */
  json?: unknown;
  /** Per-attempt timeout in ms; default the fetcher's (30 000). */
  timeoutMs?: number;
  /** Cancels this request (in addition to the fetcher's own signal). `ctx.fetch` passes `ctx.signal`. */
  signal?: AbortSignal;
  /**
   * Ask only for a changed page (SDK 1.1, `ctx.fetch` only): sends `If-None-Match` / `If-Modified-Since`
   * from the `ETag` / `Last-Modified` the engine stored for this URL after the last successful run,
   * and resolves a `304` with `notModified: true` (and an empty `text`). Opt in where you know what
   * the page stands for, typically a job's detail page: on `notModified`, call
   * `ctx.stillListed(externalId, { confirmed: true })` and yield nothing (if it returns false, the
   * engine did not keep that job when the page was last read — a role it skips, a job an admin
   * closed — and the page has not changed since). Validators are kept at most `maxDetailAgeDays`,
   * so every such page is read in full at least that often.
   *
   * @example
   * ```ts
   * const res = await ctx.fetch(jobUrl, { conditional: true });
   * if (res.notModified) { ctx.stillListed(id, { confirmed: true }); continue; }
   * ```
   */
  conditional?: boolean;
}

/**
 * What `ctx.fetch` resolves to. `fetch` resolves for every status below 500 except 429,
 * so check `ok`/`status` yourself (e.g. a 404 detail page).
 *
 * @example
 * ```ts
 * const res = await ctx.fetch('/jobs?page=2');
 * if (!res.ok) return;
 * for (const a of res.document.querySelectorAll('a.job-link')) yield* parseCard(a);
 * const data = (await ctx.fetch('/api/jobs')).json<{ jobs: unknown[] }>();
 * ```
 */
export interface FetchResponse {
  /** HTTP status of the final response. */
  status: number;
  /** `status` is 2xx. */
  ok: boolean;
  /** The final URL after redirects (as requested, i.e. before any originMap rewriting is undone: see PoliteFetcher). */
  url: string;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The body as text. */
  text: string;
  /**
   * The server answered `304 Not Modified` to a `conditional` fetch (SDK 1.1): the page is as last
   * read. Always set by `ctx.fetch`; optional so test doubles written for 1.0 still type-check.
   */
  notModified?: boolean;
  /** Parses `text` as JSON; throws ParseError (`PF_ERR_PARSE`) naming the URL on bad JSON. */
  json<T = unknown>(): T;
  /** A linkedom HTML document of `text`, parsed lazily on first access. */
  readonly document: HtmlDocument;
}

/** One request the fetcher sent (robots.txt included), for logs and the test kit. */
export interface RequestRecord {
  url: string;
  method: string;
  host: string;
  /** Clock time (ms) the request was sent. */
  startedAt: number;
  /** Clock time (ms) the response ended (or the attempt failed). */
  endedAt: number;
  status?: number;
  error?: string;
  kind: 'robots' | 'page';
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

/** The politeness policy of one host. */
export interface HostPolicy {
  /** Minimum gap between requests to the host, in seconds (the larger of this and robots Crawl-delay wins). */
  crawlDelaySeconds: number;
  /** robots.txt-style path prefixes never to request (`*` wildcard, trailing `$`). */
  disallowedPaths: string[];
}

/**
 * Optional cross-process coordination of per-host delays (core implements it on Postgres).
 * Without one, the fetcher coordinates only within itself.
 */
export interface DelayCoordinator {
  /** Reserve the next slot for host; returns the epoch ms at which the caller may send. */
  reserve(host: string, delayMs: number, nowMs: number): Promise<number>;
  /** Record that a response from host ended at endMs (next slot = endMs + delayMs). */
  release(host: string, endMs: number, delayMs: number): Promise<void>;
}

/** One HTTP exchange, as the fetcher's transport sees it (no redirects followed). */
export interface TransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal: AbortSignal;
  /**
   * The fetcher's address policy: a transport must refuse a connection it refuses (the default
   * transport checks a literal host and resolves names through `addressGuard.lookupFor(url)`).
   */
  addressGuard?: AddressGuard;
}

/** The transport's answer. */
export interface TransportResponse {
  status: number;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends one HTTP request. The default wraps got-scraping; tests may pass their own. */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;
