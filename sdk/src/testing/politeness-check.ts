import { findMatchingRule } from '../fetch/path-rules.js';
import { RobotsCache, type RobotsRules } from '../fetch/robots-cache.js';
import { gotTransport } from '../fetch/transport.js';
import type { RequestRecord, Transport } from '../fetch/types.js';
import type { SourceDefinition } from '../manifest/types.js';
import { ROBOTS_PRODUCT_TOKEN, USER_AGENT } from '../version.js';

/**
 * Checks recorded requests against the politeness rules, reading each host's robots.txt afresh
 * (so a fetcher bug cannot hide a violation): robots.txt is each host's first request; no request
 * is disallowed by robots.txt or by the manifest's `disallowedPaths`; consecutive requests to one
 * host are at least max(crawlDelaySeconds, robots Crawl-delay) apart, end of one to start of the
 * next. Returns the violations (empty when polite).
 *
 * @example
 * ```ts
 * const problems = await checkPoliteness(def, run.requests);
 * expect(problems).toEqual([]);
 * ```
 */
export async function checkPoliteness(
  def: Pick<SourceDefinition<any>, 'crawlDelaySeconds' | 'disallowedPaths'>,
  requests: readonly RequestRecord[],
  o: { transport?: Transport; timeoutMs?: number } = {},
): Promise<string[]> {
  const violations: string[] = [];
  const transport = o.transport ?? gotTransport;
  // An independent read of each robots.txt, so a fetcher bug cannot hide a violation.
  const robots = new RobotsCache(async (url) => {
    try {
      const res = await transport({
        url,
        method: 'GET',
        headers: { 'user-agent': USER_AGENT },
        timeoutMs: o.timeoutMs ?? 10_000,
        signal: new AbortController().signal,
      });
      return { status: res.status, body: res.body };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, ROBOTS_PRODUCT_TOKEN);

  const byHost = new Map<string, RequestRecord[]>();
  for (const r of requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r]);

  for (const [host, list] of byHost) {
    const ordered = [...list].sort((a, b) => a.startedAt - b.startedAt);
    if (ordered[0]!.kind !== 'robots') violations.push(`first request to ${host} was ${ordered[0]!.url}, not robots.txt`);
    const origin = new URL(ordered[0]!.url).origin;
    const rules: RobotsRules = await robots.rulesFor(new URL(origin));
    const robotsDelay = rules.kind === 'rules' ? (rules.crawlDelaySeconds ?? 0) : 0;
    const delayMs = Math.max(def.crawlDelaySeconds, robotsDelay) * 1000;
    for (const r of ordered) {
      if (r.kind === 'robots') continue;
      const rule = findMatchingRule(r.url, def.disallowedPaths);
      if (rule !== undefined) violations.push(`requested ${r.url}, disallowed by the manifest rule "${rule}"`);
      if (!robots.check(rules, new URL(r.url)).allowed) violations.push(`requested ${r.url}, disallowed by ${origin}/robots.txt`);
    }
    for (let i = 1; i < ordered.length; i++) {
      const prev = ordered[i - 1]!;
      const cur = ordered[i]!;
      // Until robots.txt is read, only the declared delay is known.
      const needed = prev.kind === 'robots' && cur.kind === 'robots' ? def.crawlDelaySeconds * 1000 : delayMs;
      const gap = cur.startedAt - prev.endedAt;
      if (gap < needed) violations.push(`only ${gap} ms between ${prev.url} and ${cur.url} on ${host} (needs ${needed} ms)`);
    }
  }
  return violations;
}
