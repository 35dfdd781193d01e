import {
  AbortedError,
  DisallowedError,
  FatalSourceError,
  PathfinderError,
  PrivateAddressError,
  RetryableError,
} from '../errors.js';
import { USER_AGENT } from '../version.js';
import { abortReason, systemClock, throwIfAborted, type Clock } from './clock.js';
import { createAddressGuard, type AddressGuard, type HostResolver } from './address-guard.js';
import { HostScheduler } from './host-scheduler.js';
import { OriginMap } from './origin-map.js';
import { findMatchingRule } from './path-rules.js';
import { createFetchResponse } from './response.js';
import { backoffMs, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import { RobotsCache, type RobotsAnswer, type RobotsStore } from './robots-cache.js';
import { gotTransport } from './transport.js';
import type {
  DelayCoordinator,
  FetchOptions,
  FetchResponse,
  HostPolicy,
  RequestRecord,
  Transport,
  TransportResponse,
} from './types.js';

/** Options of {@link PoliteFetcher}. */
export interface PoliteFetcherOptions {
  /** The politeness policy, one for every host or per host (called with `host[:port]` of the requested URL). */
  policy: HostPolicy | ((host: string) => HostPolicy);
  /** Default: the system clock. Tests pass a FakeClock. */
  clock?: Clock;
  /**
   * Origin or path-prefix rewriting, e.g. `{ 'https://api.getro.com': 'http://127.0.0.1:9999' }` or
   * `{ 'https://site.example/jobs': 'http://127.0.0.1:9999/mirror/jobs' }` (rules: {@link OriginMap});
   * robots.txt and the crawl delay are the mapped host's, `disallowedPaths` match the site's own path.
   */
  originMap?: Record<string, string>;
  /** Default: `PathfinderBot/<version> (+url)`. */
  userAgent?: string;
  /** Per-attempt timeout; default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/network errors/timeouts; default 3. */
  maxRetries?: number;
  /** First backoff step in ms (doubles each retry); default 1 000. */
  backoffBaseMs?: number;
  /** A Retry-After longer than this fails at once with RetryableError instead of waiting; default 300 000 ms. */
  maxRetryAfterMs?: number;
  /** Cancels every request of this fetcher. */
  signal?: AbortSignal;
  /** Cross-process delay coordination (core implements it on Postgres). */
  coordinator?: DelayCoordinator;
  /** Called after every attempt, robots.txt included. */
  onRequest?: (r: RequestRecord) => void;
  /** Default: got-scraping. */
  transport?: Transport;
  /**
   * Hosts this fetcher may reach although they are, or resolve to, loopback, private, link-local
   * or other special-purpose addresses: host names, addresses or CIDR blocks, each optionally with
   * a port (`mirror.internal`, `127.0.0.1:8080`, `10.0.0.0/8`). Everything else of that kind is
   * refused at connect time with PrivateAddressError (`PF_ERR_PRIVATE_ADDRESS`). The targets of
   * `originMap` are allowed implicitly: whoever wrote the map chose them.
   *
   * @example
   * ```ts
   * new PoliteFetcher({ policy, allowedPrivateHosts: ['jobs-mirror.internal'] });
   * ```
   */
  allowedPrivateHosts?: readonly string[];
  /**
   * Whether the `originMap` targets are allowed implicitly (default true). The engine turns it off:
   * its map may point at a `baseUrl` an admin stored, which must be public or on the allow-list.
   */
  allowMappedOrigins?: boolean;
  /** How host names are resolved (default: the system resolver). For tests, which use no real DNS. */
  resolveHost?: HostResolver;
  /**
   * robots.txt answers kept between fetchers (the engine's, in Postgres): a robots.txt read less
   * than 24 hours ago (RFC 9309 §2.4) is not asked again. Keyed by the robots.txt URL requested.
   */
  robotsStore?: RobotsStore;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

type AttemptOutcome =
  | { kind: 'response'; res: TransportResponse; endedAt: number }
  | { kind: 'error'; error: unknown; timedOut: boolean; endedAt: number };

/**
 * The only way a source reaches the network. Per host it enforces robots.txt (fetched once,
 * RFC 9309 semantics), the manifest's `disallowedPaths`, and a gap of
 * max(declared delay, robots Crawl-delay) from the end of one response to the start of the next.
 * 429/5xx/network errors/timeouts are retried (Retry-After honoured, exponential backoff, bounded),
 * then fail with RetryableError. Redirects are followed by hand so every hop passes the same checks.
 *
 * @example
 * ```ts
 * const fetcher = new PoliteFetcher({ policy: { crawlDelaySeconds: 5, disallowedPaths: ['/admin'] } });
 * const res = await fetcher.fetch('https://www.civicjobs.ca/rss');
 * fetcher.requests; // [{ kind: 'robots', ... }, { kind: 'page', ... }]
 * ```
 */
export class PoliteFetcher {
  /** Every attempt made, robots.txt included, in order. */
  readonly requests: RequestRecord[] = [];

  private readonly clock: Clock;
  private readonly scheduler: HostScheduler;
  private readonly robots: RobotsCache;
  private readonly origins: OriginMap;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly transport: Transport;
  private readonly addressGuard: AddressGuard;

  constructor(private readonly o: PoliteFetcherOptions) {
    this.clock = o.clock ?? systemClock;
    this.scheduler = new HostScheduler(this.clock, o.coordinator);
    this.origins = new OriginMap(o.originMap);
    this.userAgent = o.userAgent ?? USER_AGENT;
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.maxRetries = o.maxRetries ?? 3;
    this.backoffBaseMs = o.backoffBaseMs ?? 1_000;
    this.maxRetryAfterMs = o.maxRetryAfterMs ?? 300_000;
    this.transport = o.transport ?? gotTransport;
    this.addressGuard = createAddressGuard(o);
    // robots.txt matching uses the product token: the User-Agent up to its first '/'.
    const token = this.userAgent.split('/')[0]!.trim() || 'PathfinderBot';
    this.robots = new RobotsCache((u) => this.loadRobots(u), token, o.robotsStore);
  }

  /**
   * Fetches `url` politely. Resolves for any status < 500 except 429; throws DisallowedError before
   * any network I/O for a disallowed URL, RetryableError after the retries, AbortedError on abort.
   */
  async fetch(url: string | URL, options: FetchOptions = {}): Promise<FetchResponse> {
    const signal = this.combineSignal(options.signal);
    throwIfAborted(signal);
    const asked = parseHttpUrl(url);
    let current = this.origins.apply(asked);
    // Report URLs in the space the caller asked in: a URL that was mapped is mapped back, one that
    // already named the mirror (ctx.baseUrl pointed at it) stays as it is.
    let mapped = current.href !== asked.href;
    let method = options.method ?? 'GET';
    let body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    const headers = this.buildHeaders(options);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;

    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // Before robots.txt: a literal private address is refused without a single request.
      this.addressGuard.assertLiteralHost(current);
      await this.assertAllowed(current);
      const res = await this.sendWithRetries(current, { method, headers, body, timeoutMs, signal, kind: 'page' });
      const location = res.headers.location;
      if (!REDIRECT_STATUSES.has(res.status) || !location) {
        return createFetchResponse({
          status: res.status,
          url: mapped ? this.origins.revert(current).href : current.href,
          headers: res.headers,
          text: method === 'HEAD' ? '' : res.body,
        });
      }
      const next = parseHttpUrl(new URL(location, current));
      current = this.origins.apply(next);
      mapped ||= current.href !== next.href;
      // Browsers turn a redirected POST into a GET (303 always; 301/302 in practice).
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
    }
    throw new FatalSourceError(`More than ${MAX_REDIRECTS} redirects from ${String(url)}`, {
      code: 'PF_ERR_TOO_MANY_REDIRECTS',
      url: String(url),
    });
  }

  /** Whether `url` may be fetched (manifest rules, then robots.txt, fetching it if needed). */
  async isAllowed(url: string): Promise<boolean> {
    try {
      await this.assertAllowed(this.origins.apply(parseHttpUrl(url)));
      return true;
    } catch (e) {
      if (e instanceof DisallowedError) return false;
      if (e instanceof RetryableError && e.code === 'PF_ERR_ROBOTS_UNAVAILABLE') return false;
      throw e;
    }
  }

  /** The policy for `host` (as given in the options). */
  policyFor(host: string): HostPolicy {
    return typeof this.o.policy === 'function' ? this.o.policy(host) : this.o.policy;
  }

  private async assertAllowed(url: URL): Promise<void> {
    // Manifest rules first: they need no I/O at all, not even robots.txt. They name the site's own
    // paths, so a URL on a path-prefixed mirror is matched as the site knows it.
    const rule = findMatchingRule(this.origins.revert(url), this.policyFor(url.host).disallowedPaths);
    if (rule !== undefined) throw new DisallowedError(url.href, 'manifest', rule);
    const rules = await this.robots.rulesFor(url);
    if (rules.kind === 'unavailable') {
      throw new RetryableError(`${rules.reason}; everything on ${url.host} is disallowed for now (RFC 9309): ${url.href}`, {
        code: 'PF_ERR_ROBOTS_UNAVAILABLE',
        url: url.href,
        status: rules.status,
      });
    }
    const verdict = this.robots.check(rules, url);
    if (!verdict.allowed) throw new DisallowedError(url.href, 'robots', verdict.rule);
  }

  /** The gap for `host`: max(declared delay, robots Crawl-delay once known), in ms. */
  private async delayMsFor(url: URL, kind: 'robots' | 'page'): Promise<number> {
    const declared = this.policyFor(url.host).crawlDelaySeconds;
    if (kind === 'robots') return declared * 1000;
    const rules = await this.robots.rulesFor(url);
    const robotsDelay = rules.kind === 'rules' ? (rules.crawlDelaySeconds ?? 0) : 0;
    return Math.max(declared, robotsDelay) * 1000;
  }

  private async sendWithRetries(
    url: URL,
    req: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; signal: AbortSignal; kind: 'page' | 'robots' },
  ): Promise<TransportResponse> {
    const delayMs = await this.delayMsFor(url, req.kind);
    const attempts = req.kind === 'robots' ? 1 : this.maxRetries + 1;
    let notBefore = 0;
    for (let attempt = 1; ; attempt++) {
      const out = await this.scheduler.run(url.host, delayMs, () => this.attempt(url, req, attempt), {
        signal: req.signal,
        notBefore,
      });
      if (out.kind === 'response' && !isRetryableStatus(out.res.status)) return out.res;
      if (req.kind === 'robots') return this.robotsFailure(out);
      if (out.kind === 'error' && !isTransient(out.error)) throw out.error;

      const retryAfter =
        out.kind === 'response' && (out.res.status === 429 || out.res.status === 503)
          ? parseRetryAfter(out.res.headers['retry-after'], this.clock.now())
          : undefined;
      if (attempt >= attempts || (retryAfter !== undefined && retryAfter > this.maxRetryAfterMs)) {
        throw this.exhausted(url, out, attempt, retryAfter);
      }
      const waitMs = retryAfter ?? backoffMs(attempt, this.backoffBaseMs);
      notBefore = out.endedAt + waitMs;
      // A Retry-After speaks for the whole host, not just this URL.
      if (retryAfter !== undefined) this.scheduler.deferHost(url.host, notBefore);
    }
  }

  private async attempt(
    url: URL,
    req: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; signal: AbortSignal; kind: 'page' | 'robots' },
    attempt: number,
  ): Promise<{ value: AttemptOutcome; endedAt: number }> {
    const startedAt = this.clock.now();
    const record = (r: Partial<RequestRecord>, endedAt: number): void => {
      const rec: RequestRecord = { url: url.href, method: req.method, host: url.host, startedAt, endedAt, kind: req.kind, attempt, ...r };
      this.requests.push(rec);
      this.o.onRequest?.(rec);
    };
    try {
      const res = await this.transport({
        url: url.href,
        method: req.method,
        headers: req.headers,
        body: req.body,
        timeoutMs: req.timeoutMs,
        signal: req.signal,
        addressGuard: this.addressGuard,
      });
      const endedAt = this.clock.now();
      record({ status: res.status }, endedAt);
      return { value: { kind: 'response', res, endedAt }, endedAt };
    } catch (error) {
      const endedAt = this.clock.now();
      record({ error: describeError(error) }, endedAt);
      // An abort is never retried, whatever the transport made of it.
      if (req.signal.aborted) throw abortReason(req.signal);
      return { value: { kind: 'error', error, timedOut: isTimeout(error), endedAt }, endedAt };
    }
  }

  private exhausted(url: URL, out: AttemptOutcome, attempts: number, retryAfter?: number): RetryableError {
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (out.kind === 'response') {
      return new RetryableError(`${url.href} answered ${out.res.status} after ${tries}`, {
        code: 'PF_ERR_HTTP_STATUS',
        url: url.href,
        status: out.res.status,
        retryAfterMs: retryAfter,
      });
    }
    return new RetryableError(`${url.href} failed after ${tries}: ${describeError(out.error)}`, {
      code: out.timedOut ? 'PF_ERR_TIMEOUT' : 'PF_ERR_NETWORK',
      url: url.href,
      cause: out.error,
    });
  }

  private robotsFailure(out: AttemptOutcome): TransportResponse {
    if (out.kind === 'response') return out.res;
    throw out.error;
  }

  // Robots.txt: one attempt per hop, redirects followed (RFC 9309 asks for at least five hops).
  private async loadRobots(robotsUrl: string): Promise<RobotsAnswer> {
    let current = new URL(robotsUrl);
    const headers = this.buildHeaders({ headers: { accept: 'text/plain,*/*;q=0.8' } });
    const signal = this.combineSignal(undefined);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let res: TransportResponse;
      try {
        res = await this.sendWithRetries(current, { method: 'GET', headers, timeoutMs: this.timeoutMs, signal, kind: 'robots' });
      } catch (e) {
        // A refused address is not an unreachable robots.txt: the page request fails with it.
        if (e instanceof AbortedError || e instanceof PrivateAddressError) throw e;
        return { error: describeError(e) };
      }
      const location = res.headers.location;
      if (!REDIRECT_STATUSES.has(res.status) || !location) return { status: res.status, body: res.body };
      current = this.origins.apply(new URL(location, current));
    }
    // Too many redirects: RFC 9309 lets us treat the file as unavailable, i.e. no rules.
    return { status: 404, body: '' };
  }

  private buildHeaders(options: FetchOptions): Record<string, string> {
    const headers: Record<string, string> = { accept: DEFAULT_ACCEPT, 'accept-language': 'en-CA,en;q=0.9,fr-CA;q=0.8' };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    // Our identity is not negotiable: a site owner must always see who is crawling.
    headers['user-agent'] = this.userAgent;
    return headers;
  }

  private combineSignal(extra: AbortSignal | undefined): AbortSignal {
    const signals = [this.o.signal, extra].filter((s): s is AbortSignal => s !== undefined);
    if (signals.length === 0) return new AbortController().signal;
    if (signals.length === 1) return signals[0]!;
    return AbortSignal.any(signals);
  }
}

function parseHttpUrl(url: string | URL): URL {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch (e) {
    throw new PathfinderError(`Not a valid absolute URL: ${String(url)}`, { code: 'PF_ERR_INVALID_URL', cause: e });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new PathfinderError(`Only http(s) URLs can be fetched: ${u.href}`, { code: 'PF_ERR_INVALID_URL', url: u.href });
  }
  u.hash = '';
  return u;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}

function isTimeout(e: unknown): boolean {
  const err = e as { name?: string; code?: string } | undefined;
  return err?.name === 'TimeoutError' || err?.code === 'ETIMEDOUT';
}

// Our own errors (bad URL...) are not network trouble; everything the transport threw is.
function isTransient(e: unknown): boolean {
  return !(e instanceof PathfinderError);
}
