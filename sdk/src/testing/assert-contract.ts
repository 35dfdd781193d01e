import { ContractError } from '../errors.js';
import type { SourceDefinition } from '../manifest/types.js';
import { checkGolden, describeDifference, replaceInStrings } from './golden.js';
import { checkPoliteness } from './politeness-check.js';
import { runSource, type RunSourceOptions, type RunSourceResult } from './run-source.js';

/** Options of {@link assertSourceContract}. */
export interface SourceContractOptions<C> extends RunSourceOptions<C> {
  /** Path of a JSON file holding the expected postings (written when missing). */
  golden?: string;
  /** Rewrite the golden file (also: env PATHFINDER_UPDATE_GOLDEN=1). */
  updateGolden?: boolean;
  /** Fewest valid postings expected; default 1. */
  minPostings?: number;
}

/**
 * Runs the source twice and throws {@link ContractError} (`PF_ERR_CONTRACT_VIOLATION`), listing every
 * violation, unless: the crawl does not throw; every posting is schema-valid; at least `minPostings`
 * postings come out; no request SENT is disallowed (robots.txt and the manifest's `disallowedPaths`,
 * checked on the fetcher's records of what it sent); robots.txt is each host's first request;
 * consecutive requests to one host are at least max(crawlDelaySeconds, robots Crawl-delay) apart
 * (end of one response to start of the next, on the fake clock); both runs yield identical
 * postings; and the postings match the golden file. In the golden file the fixture server's
 * origin is written as the manifest's baseUrl origin (and originMap targets as their keys) so it
 * does not depend on the port.
 *
 * A URL the fetcher refused before any I/O (`DisallowedError`) is not a violation: that is the
 * engine doing its job, and a source may catch the error and go on (e.g. yield a posting from the
 * feed when its detail page is disallowed). Refusals are listed in the returned `blocked`; assert
 * on them when they matter. A refusal that escapes `crawl()` still fails the contract (the crawl threw).
 *
 * @example
 * ```ts
 * it('honours the source contract', async () => {
 *   const server = await serveFixtures(fixtureDir);
 *   const run = await assertSourceContract(source, {
 *     baseUrl: server.origin, now: '2026-11-20T12:00:00Z', golden: join(fixtureDir, 'golden.json'),
 *   });
 *   expect(run.blocked).toEqual([]); // or the detail pages robots.txt refused
 *   await server.close();
 * });
 * ```
 */
export async function assertSourceContract<C extends object>(
  def: SourceDefinition<C>,
  o: SourceContractOptions<C>,
): Promise<RunSourceResult> {
  const first = await runSource(def, o);
  const second = await runSource(def, o);
  const violations: string[] = [];

  for (const [i, run] of [first, second].entries()) {
    const label = `run ${i + 1}`;
    if (run.error !== undefined) violations.push(`${label}: crawl() threw ${describeError(run.error)}`);
    for (const bad of run.invalid) {
      const title = (bad.posting as { title?: unknown } | null)?.title;
      violations.push(`${label}: invalid posting${typeof title === 'string' ? ` "${title}"` : ''}: ${bad.errors.join('; ')}`);
    }
  }
  const min = o.minPostings ?? 1;
  if (first.postings.length < min) violations.push(`expected at least ${min} valid posting(s), got ${first.postings.length}`);

  // Only what was sent counts: first.requests holds the fetcher's record of every attempt it made.
  violations.push(...(await checkPoliteness(def, first.requests, o)));

  const diff = describeDifference(first.postings, second.postings);
  if (diff) violations.push(`the two runs differ (not deterministic): ${diff}`);

  if (o.golden) {
    const update = o.updateGolden ?? process.env.PATHFINDER_UPDATE_GOLDEN === '1';
    const golden = replaceInStrings(first.postings, goldenReplacements(def, o));
    const mismatch = await checkGolden(o.golden, golden, update);
    if (mismatch) {
      violations.push(`postings differ from the golden file ${o.golden} at ${mismatch} (run with PATHFINDER_UPDATE_GOLDEN=1 to accept)`);
    }
  }

  if (violations.length > 0) {
    throw new ContractError(`Source "${def.id}" breaks the source contract:\n  - ${violations.join('\n  - ')}`, violations);
  }
  return first;
}

function goldenReplacements<C>(def: Pick<SourceDefinition<any>, 'baseUrl'>, o: RunSourceOptions<C>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [from, to] of Object.entries(o.originMap ?? {})) pairs.push([new URL(to).origin, new URL(from).origin]);
  const runOrigin = new URL(o.baseUrl).origin;
  const defOrigin = new URL(def.baseUrl).origin;
  if (runOrigin !== defOrigin && !pairs.some(([a]) => a === runOrigin)) pairs.push([runOrigin, defOrigin]);
  return pairs;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${e.name}${typeof code === 'string' ? ` (${code})` : ''}: ${e.message}`;
  }
  return String(e);
}
