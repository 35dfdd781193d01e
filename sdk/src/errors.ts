/**
 * The SDK's error classes and their stable codes.
 *
 * The class says what the engine does with a failed crawl:
 * - {@link RetryableError}: the run is retried later (network trouble, 5xx, 429, robots.txt unreachable);
 * - {@link FatalSourceError}: the run fails and is not retried until someone fixes the plugin or its config;
 * - {@link BlockedError}: the site said no (robots.txt or the manifest's `disallowedPaths`): never retried.
 *
 * The `code` is a contract: clients, logs and dashboards branch on it, so codes are never renamed.
 * Every code is listed in {@link ErrorCodes} (and in the README's error table, checked by a test).
 */

/**
 * Every SDK error code with a one-line meaning. Codes are stable: add, never rename.
 *
 * @example
 * ```ts
 * ErrorCodes.PF_ERR_DISALLOWED_PATH; // 'The URL is disallowed by robots.txt or ...'
 * ```
 */
export const ErrorCodes = {
  PF_ERR_INTERNAL: 'An unexpected failure (a bug): the message or the server log says where.',
  PF_ERR_RETRYABLE: 'A transient failure; the engine retries the run later.',
  PF_ERR_SOURCE_FATAL: 'The source failed in a way a retry will not fix (the plugin or the site changed).',
  PF_ERR_BLOCKED: 'The site refuses the crawl; never retried.',
  PF_ERR_DISALLOWED_PATH: 'The URL is disallowed by robots.txt or by the manifest\'s disallowedPaths; no request was sent.',
  PF_ERR_ROBOTS_UNAVAILABLE: 'robots.txt answered 5xx or could not be fetched, so the whole host is disallowed for now (RFC 9309); retry later.',
  PF_ERR_HTTP_STATUS: 'The server kept answering 429 or 5xx after every retry.',
  PF_ERR_NETWORK: 'A network error (connection refused/reset, DNS) persisted after every retry.',
  PF_ERR_TIMEOUT: 'A request timed out on every attempt.',
  PF_ERR_TOO_MANY_REDIRECTS: 'A request was redirected more than 5 times.',
  PF_ERR_PRIVATE_ADDRESS: 'The host is, or resolves to, a loopback, private, link-local or other special-purpose address outside the allow-list (PATHFINDER_ALLOWED_PRIVATE_HOSTS); no connection was made.',
  PF_ERR_INVALID_URL: 'A URL could not be parsed or is not http(s).',
  PF_ERR_ABORTED: 'The crawl was aborted through its AbortSignal.',
  PF_ERR_PARSE: 'A response body could not be parsed (bad JSON, XML the lenient parsers could not read).',
  PF_ERR_TRUNCATED: 'A response ended before its document did (a feed or sitemap without its closing root tag, HTML or JSON cut short on a connection that closed without a length): the download was cut, so the run is retried and nothing is archived.',
  PF_ERR_MANIFEST_INVALID: 'A source manifest failed validation; the message names the field.',
  PF_ERR_CONFIG_INVALID: 'A source\'s configuration does not match its configSchema; the message names the field.',
  PF_ERR_PLUGIN_SDK_RANGE: 'The plugin was built for an SDK version range this SDK does not satisfy.',
  PF_ERR_POSTING_INVALID: 'A posting does not match JobPostingSchema; the message names the field.',
  PF_ERR_CONTRACT_VIOLATION: 'The test kit found a source breaking the source contract (assertSourceContract).',
} as const;

/** One of the SDK's stable error codes. */
export type ErrorCode = keyof typeof ErrorCodes;

/** Options every SDK error accepts. */
export interface PathfinderErrorOptions {
  /** Override the class's default code (must be one of {@link ErrorCodes} for SDK errors). */
  code?: string;
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** The URL involved, if any. */
  url?: string;
}

/**
 * Base class of every SDK error: an `Error` with a stable `code`.
 *
 * @example
 * ```ts
 * try { await ctx.fetch(url); } catch (e) {
 *   if (e instanceof PathfinderError && e.code === 'PF_ERR_DISALLOWED_PATH') ctx.log.warn('skipped', { url });
 *   else throw e;
 * }
 * ```
 */
export class PathfinderError extends Error {
  /** Stable machine-readable code, e.g. `PF_ERR_DISALLOWED_PATH`. */
  code: string;
  /** The URL involved, if any. */
  url?: string;
  declare cause?: unknown;

  constructor(message: string, options: PathfinderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? (new.target as unknown as { defaultCode?: string }).defaultCode ?? 'PF_ERR_INTERNAL';
    if (options.url !== undefined) this.url = options.url;
  }

  /** The code used when the constructor is given none. */
  static defaultCode: string = 'PF_ERR_INTERNAL';
}

/**
 * A transient failure: the engine records the run as failed and retries it later.
 *
 * @example
 * ```ts
 * if (res.status === 403 && /captcha/i.test(res.text)) throw new RetryableError('Challenge page, try later');
 * ```
 */
export class RetryableError extends PathfinderError {
  static override defaultCode = 'PF_ERR_RETRYABLE';
  /** HTTP status of the last attempt, when the failure was an HTTP answer. */
  status?: number;
  /** How long the server asked us to wait (Retry-After), if it said. */
  retryAfterMs?: number;

  constructor(message: string, options: PathfinderErrorOptions & { status?: number; retryAfterMs?: number } = {}) {
    super(message, options);
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A response ended before its document did (code `PF_ERR_TRUNCATED`): a feed or sitemap without its
 * closing root tag, or an HTML page or JSON body cut short on a connection that closed without a
 * Content-Length. Reading the part that arrived would look like a shorter listing (and archive the
 * jobs it lacks) or store a half-received posting, so the run fails and is retried.
 *
 * @example
 * ```ts
 * try { parseFeed(res.text) } catch (e) { if (e instanceof TruncatedResponseError) ctx.log.warn('feed cut short', { url: e.url }) ; throw e }
 * ```
 */
export class TruncatedResponseError extends RetryableError {
  static override defaultCode = 'PF_ERR_TRUNCATED';
}

/**
 * A failure a retry will not fix (the site's structure changed, a required field vanished):
 * the engine fails the run and does not retry it.
 *
 * @example
 * ```ts
 * const box = ctx.fetch(url).then((r) => r.document.querySelector('div.job-detail'));
 * if (!box) throw new FatalSourceError('No div.job-detail on ' + url, { url });
 * ```
 */
export class FatalSourceError extends PathfinderError {
  static override defaultCode = 'PF_ERR_SOURCE_FATAL';
}

/** The site refuses the crawl (robots.txt, manifest rules): never retried. */
export class BlockedError extends PathfinderError {
  static override defaultCode = 'PF_ERR_BLOCKED';
}

/**
 * Thrown by `fetch` BEFORE any network I/O when the URL is disallowed by robots.txt
 * (`reason: 'robots'`) or by the manifest's `disallowedPaths` (`reason: 'manifest'`).
 *
 * @example
 * ```ts
 * try { await ctx.fetch('/admin'); } catch (e) { if (e instanceof DisallowedError) ctx.log.info(e.message); }
 * ```
 */
export class DisallowedError extends BlockedError {
  static override defaultCode = 'PF_ERR_DISALLOWED_PATH';
  /** Which rule refused the URL. */
  reason: 'robots' | 'manifest';
  declare url: string;

  constructor(url: string, reason: 'robots' | 'manifest', rule?: string) {
    const by = reason === 'robots' ? 'robots.txt' : 'the manifest\'s disallowedPaths';
    super(`Disallowed by ${by}${rule ? ` (rule "${rule}")` : ''}: ${url}`, { url });
    this.reason = reason;
  }
}

/** A source manifest is invalid (code `PF_ERR_MANIFEST_INVALID`); the message names the field. */
export class ManifestError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_MANIFEST_INVALID';
  /** The manifest field at fault, e.g. `version`. */
  field?: string;
  constructor(message: string, options: PathfinderErrorOptions & { field?: string } = {}) {
    super(message, options);
    if (options.field !== undefined) this.field = options.field;
  }
}

/** A source's configuration is invalid (code `PF_ERR_CONFIG_INVALID`); the message names the field. */
export class ConfigError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_CONFIG_INVALID';
  /** Every problem found, each starting with the field path. */
  errors: string[];
  constructor(message: string, options: PathfinderErrorOptions & { errors?: string[] } = {}) {
    super(message, options);
    this.errors = options.errors ?? [];
  }
}

/**
 * A response could not be parsed (code `PF_ERR_PARSE`). It is fatal: a page that no longer parses
 * usually means the site changed and the plugin needs fixing.
 */
export class ParseError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_PARSE';
}

/**
 * The fetcher refused to connect (code `PF_ERR_PRIVATE_ADDRESS`): the URL's host is, or resolved to,
 * a loopback, private, link-local or other special-purpose address that the allow-list does not
 * name. Checked after DNS resolution on every connection, redirects included, so a public-looking
 * name cannot lead the crawler into the local network. Fatal: a retry would be refused again.
 *
 * @example
 * ```ts
 * try { await ctx.fetch('http://169.254.169.254/latest/meta-data/'); } catch (e) {
 *   if (e instanceof PrivateAddressError) ctx.log.warn(e.message, { address: e.address }); // 'link-local'
 * }
 * ```
 */
export class PrivateAddressError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_PRIVATE_ADDRESS';
  /** The host name as requested (without brackets for IPv6). */
  host: string;
  /** The refused address (the host itself when it is a literal address). */
  address: string;
  /** Which special-purpose range the address is in, e.g. `loopback`, `link-local`, `private`. */
  range: string;
  declare url: string;

  constructor(url: string, host: string, address: string, range: string) {
    const via = host === address ? address : `${host} (resolved to ${address})`;
    super(
      `Refused to connect to ${via}: a ${range} address; add the host to PATHFINDER_ALLOWED_PRIVATE_HOSTS to allow it: ${url}`,
      { url },
    );
    this.host = host;
    this.address = address;
    this.range = range;
  }
}

/** The crawl's AbortSignal fired (code `PF_ERR_ABORTED`). */
export class AbortedError extends PathfinderError {
  static override defaultCode = 'PF_ERR_ABORTED';
}

/** A plugin was built for an SDK range this SDK does not satisfy (code `PF_ERR_PLUGIN_SDK_RANGE`). */
export class SdkRangeError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_PLUGIN_SDK_RANGE';
}

/** A posting does not match `JobPostingSchema` (code `PF_ERR_POSTING_INVALID`). */
export class PostingValidationError extends FatalSourceError {
  static override defaultCode = 'PF_ERR_POSTING_INVALID';
  /** Every problem found, each starting with the field path. */
  errors: string[];
  constructor(message: string, options: PathfinderErrorOptions & { errors?: string[] } = {}) {
    super(message, options);
    this.errors = options.errors ?? [];
  }
}

/** The test kit found a contract violation (code `PF_ERR_CONTRACT_VIOLATION`). */
export class ContractError extends PathfinderError {
  static override defaultCode = 'PF_ERR_CONTRACT_VIOLATION';
  /** Every violation found. */
  violations: string[];
  constructor(message: string, violations: string[] = []) {
    super(message);
    this.violations = violations;
  }
}

/**
 * True when `e` is an SDK error (any subclass).
 *
 * @example
 * ```ts
 * if (isPathfinderError(e) && e.code === 'PF_ERR_ROBOTS_UNAVAILABLE') log.warn('robots.txt down, retry later');
 * ```
 */
export function isPathfinderError(e: unknown): e is PathfinderError {
  return e instanceof PathfinderError;
}
