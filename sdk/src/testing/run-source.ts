import { createHash } from 'node:crypto';
import { createCrawlContext } from '../context.js';
import { DisallowedError } from '../errors.js';
import { allowListProblem, connectHostOf } from '../fetch/address-policy.js';
import { mirrorOriginMap } from '../fetch/origin-map.js';
import { PoliteFetcher } from '../fetch/polite-fetcher.js';
import { DEFAULT_MAX_DETAIL_AGE_DAYS, InMemoryCrawlMemory, type KnownPosting, type UrlValidators } from '../incremental/crawl-memory.js';
import type { RequestRecord, Transport } from '../fetch/types.js';
import { createMemoryLogger, type LogLine } from '../logger.js';
import { resolveConfig } from '../manifest/config.js';
import type { SourceDefinition } from '../manifest/types.js';
import type { JobPosting } from '../posting/schema.js';
import { validatePosting } from '../posting/validate.js';
import { FakeClock } from './fake-clock.js';

/** Options of {@link runSource}. */
export interface RunSourceOptions<C> {
  /**
   * Where the source crawls (usually the fixture server's origin): `ctx.baseUrl`. Links to the
   * manifest's `baseUrl` (and `siteOrigins`) are fetched from here too (see `mirrorOriginMap`).
   */
  baseUrl: string;
  /** Origins or path prefixes to rewrite, e.g. `{ 'https://api.getro.com': server.origin }` (rules: `OriginMap`). */
  originMap?: Record<string, string>;
  /**
   * A previous run of the same source whose outcome the engine would have stored: `ctx.known` knows
   * its postings (and the ones it reported `stillListed`), conditional fetches send its validators,
   * and the clock continues from where that run ended unless `now` is given.
   */
  previous?: Pick<RunSourceResult, 'known' | 'validators' | 'clock'>;
  /** What `ctx.known` knows, on top of (and winning over) `previous`. */
  known?: Record<string, KnownPosting>;
  /** Stored validators by URL, on top of `previous`'s. */
  validators?: Record<string, UrlValidators>;
  /** Config overrides; the configSchema defaults fill the rest. */
  config?: Partial<C>;
  /** The state cursor the run starts from (not mutated). */
  state?: Record<string, unknown>;
  /** The fake clock's start time (what `ctx.now()` returns first). */
  now?: Date | string;
  /** Stop after this many postings. */
  limit?: number;
  /** Per-attempt timeout (real time); default 10 000 ms. */
  timeoutMs?: number;
  /** Retries on 429/5xx/network errors; default 3 (retries wait on the fake clock only). */
  maxRetries?: number;
  /** A custom transport (default: got-scraping). */
  transport?: Transport;
  /**
   * More private hosts the source may reach (see PoliteFetcherOptions). The host of `baseUrl` and
   * the `originMap` targets (the fixture server on 127.0.0.1) are allowed without being named.
   */
  allowedPrivateHosts?: string[];
}

/** What one {@link runSource} produced. */
export interface RunSourceResult {
  /** Schema-valid postings, in yield order. */
  postings: JobPosting[];
  /** Postings that failed validation, with the reasons. */
  invalid: { posting: unknown; errors: string[] }[];
  /** Every request made, robots.txt included. */
  requests: RequestRecord[];
  /** The state after the run. */
  state: Record<string, unknown>;
  /** What `crawl()` threw, if it threw. */
  error?: unknown;
  /** The fake clock the run used. */
  clock: FakeClock;
  /**
   * URLs the fetcher refused before any I/O (disallowed by robots.txt or the manifest), whether or
   * not the source caught the `DisallowedError`. Not a contract violation: nothing was sent.
   */
  blocked: { url: string; reason: 'robots' | 'manifest' }[];
  /** Everything the source logged. */
  logs: LogLine[];
  /** Ids the source reported `ctx.stillListed` (known postings it did not re-read). */
  stillListed: string[];
  /**
   * What the engine would know after this run if it ended well: every yielded posting with an
   * `externalId` (content hash of the posting, last seen and detail read at the run's start) and
   * every still-listed one (last seen moved, detail read kept). Pass the result as `previous`.
   */
  known: Record<string, KnownPosting>;
  /** Validators stored after this run: the previous ones plus those this run's conditional fetches received. */
  validators: Record<string, UrlValidators>;
  /**
   * The reasons the source gave through `ctx.markIncomplete` (a page or item limit stopped it).
   * Non-empty means the engine would archive nothing after this run and record it `partial`.
   */
  incomplete: string[];
}

/**
 * Runs a source once, offline: a real PoliteFetcher on a FakeClock (crawl delays pass instantly),
 * real HTTP to the fixture server, the config resolved from `configSchema`. Never throws for a
 * failing crawl: look at `error`.
 *
 * @example
 * ```ts
 * const server = await serveFixtures(fixtureDir);
 * const run = await runSource(source, { baseUrl: server.origin, now: '2026-11-20T12:00:00Z' });
 * expect(run.error).toBeUndefined();
 * expect(run.postings[0]).toMatchObject({ title: 'Police Constable Recruit', province: 'BC' });
 * ```
 */
export async function runSource<C extends object>(
  def: SourceDefinition<C>,
  o: RunSourceOptions<C>,
): Promise<RunSourceResult> {
  const start = o.now !== undefined ? new Date(o.now).getTime() : o.previous?.clock.now();
  const clock = new FakeClock(start);
  const startedAt = new Date(clock.now());
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: def.crawlDelaySeconds, disallowedPaths: [...def.disallowedPaths] },
    clock,
    originMap: { ...mirrorOriginMap(def, o.baseUrl), ...o.originMap },
    timeoutMs: o.timeoutMs ?? 10_000,
    maxRetries: o.maxRetries,
    transport: o.transport,
    allowedPrivateHosts: [...(o.allowedPrivateHosts ?? []), ...baseUrlHost(o.baseUrl)],
  });
  const log = createMemoryLogger();
  const blocked: RunSourceResult['blocked'] = [];
  const previouslyKnown = { ...o.previous?.known, ...o.known };
  const memory = new InMemoryCrawlMemory({
    known: previouslyKnown,
    validators: { ...o.previous?.validators, ...o.validators },
    maxDetailAgeMs: (def.maxDetailAgeDays ?? DEFAULT_MAX_DETAIL_AGE_DAYS) * 86_400_000,
  });
  const result: RunSourceResult = {
    postings: [],
    invalid: [],
    requests: fetcher.requests,
    state: structuredClone(o.state ?? {}),
    clock,
    blocked,
    logs: log.lines,
    stillListed: memory.stillListedIds,
    known: {},
    validators: {},
    incomplete: [],
  };
  try {
    const config = resolveConfig(def, o.config ?? {});
    const ctx = createCrawlContext({
      fetcher, baseUrl: o.baseUrl, config, state: result.state, log, clock, memory,
      onIncomplete: (reason) => result.incomplete.push(reason),
    });
    const fetch = ctx.fetch;
    // Record attempts on disallowed URLs even when the source catches the error.
    ctx.fetch = async (url, options) => {
      try {
        return await fetch(url, options);
      } catch (e) {
        if (e instanceof DisallowedError) blocked.push({ url: e.url, reason: e.reason });
        throw e;
      }
    };
    let count = 0;
    for await (const posting of def.crawl(ctx)) {
      const v = validatePosting(posting);
      if (v.ok) result.postings.push(v.value);
      else result.invalid.push({ posting, errors: v.errors });
      if (o.limit !== undefined && ++count >= o.limit) {
        result.incomplete.push(`stopped at the test kit's limit (${o.limit})`);
        break;
      }
    }
  } catch (e) {
    result.error = e;
  }
  for (const id of memory.stillListedIds) {
    result.known[id] = { ...previouslyKnown[id]!, lastSeenAt: startedAt, ...(memory.confirmedIds.has(id) ? { detailFetchedAt: startedAt } : {}) };
  }
  for (const p of result.postings) {
    if (!p.externalId) continue;
    const contentHash = createHash('sha256').update(JSON.stringify(p)).digest('hex');
    result.known[p.externalId] = { contentHash, lastSeenAt: startedAt, detailFetchedAt: startedAt };
  }
  // A posting the source passed over is remembered like one the engine keeps, without a job.
  for (const [id, reason] of memory.skippedIds) {
    if (result.postings.some((p) => p.externalId === id)) continue; // yielded after all: a kept posting
    result.known[id] = { contentHash: 'skipped', lastSeenAt: startedAt, detailFetchedAt: startedAt, skipped: reason };
  }
  result.validators = { ...o.previous?.validators, ...o.validators, ...Object.fromEntries(memory.recorded) };
  return result;
}

/** The host of the run's baseUrl (the fixture server), allowed even on loopback; none if it will not parse. */
function baseUrlHost(baseUrl: string): string[] {
  if (!URL.canParse(baseUrl)) return [];
  const host = connectHostOf(new URL(baseUrl));
  return allowListProblem([host]) === undefined ? [host] : [];
}
