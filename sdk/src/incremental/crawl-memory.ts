/**
 * What the engine remembers between runs of one source, as `ctx.known`, `ctx.stillListed` and
 * conditional fetches see it (SDK 1.1). The engine implements {@link CrawlMemory} on Postgres; the
 * test kit on a Map ({@link InMemoryCrawlMemory}), seeded from a previous `runSource`.
 */

/**
 * What the engine stored for one posting of this source (by its `externalId`).
 *
 * @example
 * ```ts
 * const k = ctx.known('123456');
 * // { contentHash: '9f2c…', lastSeenAt: 2026-11-20T12:00:00.000Z, detailFetchedAt: 2026-11-18T12:00:00.000Z }
 * ```
 */
export interface KnownPosting {
  /** Opaque: changes whenever the stored content of the posting changed. */
  contentHash: string;
  /** When a run last saw the posting (yielded in full, or reported `stillListed`). */
  lastSeenAt: Date;
  /**
   * When a run last yielded the posting in full (its detail page read); unset for a posting stored
   * before SDK 1.1. `stillListed` does not move it, so it tells how old the stored content is.
   */
  detailFetchedAt?: Date;
  /**
   * Set when the engine did not keep the posting when it was last read: why (a senior role the
   * pipeline drops, a page that was gone, what the plugin gave to `ctx.markSkipped`). Such a posting
   * has no stored job, but `ctx.isFresh` and `ctx.stillListed` treat it like a stored one, so a
   * re-crawl does not read its page again until the listing says it changed or the max age passed.
   * Since SDK 1.1.
   */
  skipped?: string;
}

/** The validators a response carried, sent back on the next conditional fetch of the same URL. */
export interface UrlValidators {
  etag?: string;
  lastModified?: string;
}

/**
 * The engine's side of incremental crawling. Plugins never see it: they use `ctx.known`,
 * `ctx.stillListed`, `ctx.isFresh` and `ctx.fetch(url, { conditional: true })`.
 *
 * @example
 * ```ts
 * const ctx = createCrawlContext({ fetcher, baseUrl, config, memory: new InMemoryCrawlMemory() });
 * ```
 */
export interface CrawlMemory {
  /** The stored posting of this source with this external id (active, or archived as no longer listed). */
  known(externalId: string): KnownPosting | undefined;
  /**
   * Records the posting as still listed; false (and nothing recorded) when the engine does not know it.
   * `confirmed`: the plugin checked its content is current (a 304 for its detail page), so its
   * `detailFetchedAt` moves to this run too.
   */
  stillListed(externalId: string, o?: StillListedOptions): boolean;
  /**
   * Records a listed posting this run read and did not keep (`ctx.markSkipped`, or the engine's own
   * pipeline dropping it), so the next runs know it (`known(id).skipped`) for up to the max age.
   */
  markSkipped(externalId: string, reason: string): void;
  /** The validators stored for `url` (as the plugin asked for it), if any. */
  validatorsFor(url: string): UrlValidators | undefined;
  /** Records the validators of a fresh response; the engine stores them only when the run ends well. */
  recordValidators(url: string, validators: UrlValidators): void;
  /** How long a posting's detail read stays fresh, in ms (manifest `maxDetailAgeDays`, default 7 days). */
  readonly maxDetailAgeMs: number;
}

/** Options of `ctx.stillListed`. */
export interface StillListedOptions {
  /**
   * The plugin confirmed the stored content is current (its detail page answered `304 Not Modified`):
   * the posting counts as read in this run, so `ctx.isFresh` vouches for it for another max age.
   */
  confirmed?: boolean;
}

/** Default of the manifest's `maxDetailAgeDays`. */
export const DEFAULT_MAX_DETAIL_AGE_DAYS = 7;

/** A memory that knows nothing (a dry run, a first run, a run without a database). */
export function emptyCrawlMemory(maxDetailAgeMs = DEFAULT_MAX_DETAIL_AGE_DAYS * 86_400_000): CrawlMemory {
  return {
    known: () => undefined,
    stillListed: () => false,
    markSkipped: () => undefined,
    validatorsFor: () => undefined,
    recordValidators: () => undefined,
    maxDetailAgeMs,
  };
}

/**
 * A {@link CrawlMemory} on Maps: the test kit's stand-in for what the engine stores, and what an
 * embedding script can use to crawl incrementally without a database.
 *
 * @example
 * ```ts
 * const memory = new InMemoryCrawlMemory({ known: { '123': { contentHash: 'x', lastSeenAt: new Date(), detailFetchedAt: new Date() } } });
 * memory.stillListed('123'); // true
 * memory.stillListedIds;     // ['123']
 * ```
 */
export class InMemoryCrawlMemory implements CrawlMemory {
  readonly maxDetailAgeMs: number;
  private readonly postings: Map<string, KnownPosting>;
  private readonly validators: Map<string, UrlValidators>;
  /** Ids reported `stillListed` in this run, in order, without repeats. */
  readonly stillListedIds: string[] = [];
  /** Of those, the ones reported `confirmed`. */
  readonly confirmedIds = new Set<string>();
  /** Postings reported `markSkipped` in this run: id → reason. */
  readonly skippedIds = new Map<string, string>();
  /** Validators recorded in this run, by URL. */
  readonly recorded = new Map<string, UrlValidators>();

  constructor(o: { known?: Record<string, KnownPosting>; validators?: Record<string, UrlValidators>; maxDetailAgeMs?: number } = {}) {
    this.postings = new Map(Object.entries(o.known ?? {}));
    this.validators = new Map(Object.entries(o.validators ?? {}));
    this.maxDetailAgeMs = o.maxDetailAgeMs ?? DEFAULT_MAX_DETAIL_AGE_DAYS * 86_400_000;
  }

  known(externalId: string): KnownPosting | undefined {
    return this.postings.get(externalId);
  }

  stillListed(externalId: string, o: StillListedOptions = {}): boolean {
    if (!this.postings.has(externalId)) return false;
    if (!this.stillListedIds.includes(externalId)) this.stillListedIds.push(externalId);
    if (o.confirmed) this.confirmedIds.add(externalId);
    return true;
  }

  markSkipped(externalId: string, reason: string): void {
    this.skippedIds.set(externalId, reason);
  }

  validatorsFor(url: string): UrlValidators | undefined {
    return this.validators.get(url);
  }

  recordValidators(url: string, validators: UrlValidators): void {
    this.recorded.set(url, validators);
  }
}
