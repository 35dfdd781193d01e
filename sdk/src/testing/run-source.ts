import { createCrawlContext } from '../context.js';
import { DisallowedError } from '../errors.js';
import { PoliteFetcher } from '../fetch/polite-fetcher.js';
import type { RequestRecord, Transport } from '../fetch/types.js';
import { createMemoryLogger, type LogLine } from '../logger.js';
import { resolveConfig } from '../manifest/config.js';
import type { SourceDefinition } from '../manifest/types.js';
import type { JobPosting } from '../posting/schema.js';
import { validatePosting } from '../posting/validate.js';
import { FakeClock } from './fake-clock.js';

/** Options of {@link runSource}. */
export interface RunSourceOptions<C> {
  /** Where the source crawls (usually the fixture server's origin). */
  baseUrl: string;
  /** Origins to rewrite, e.g. `{ 'https://api.getro.com': server.origin }`. */
  originMap?: Record<string, string>;
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
  const clock = new FakeClock(o.now === undefined ? undefined : new Date(o.now).getTime());
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: def.crawlDelaySeconds, disallowedPaths: [...def.disallowedPaths] },
    clock,
    originMap: o.originMap,
    timeoutMs: o.timeoutMs ?? 10_000,
    maxRetries: o.maxRetries,
    transport: o.transport,
  });
  const log = createMemoryLogger();
  const blocked: RunSourceResult['blocked'] = [];
  const result: RunSourceResult = {
    postings: [],
    invalid: [],
    requests: fetcher.requests,
    state: structuredClone(o.state ?? {}),
    clock,
    blocked,
    logs: log.lines,
    incomplete: [],
  };
  try {
    const config = resolveConfig(def, o.config ?? {});
    const ctx = createCrawlContext({
      fetcher, baseUrl: o.baseUrl, config, state: result.state, log, clock,
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
  return result;
}
