import { parseRobotsTxt } from './robots/parse-robots.js';
import { robotsVerdict } from './robots/match-robots.js';
import { selectRobotsGroup, type RobotsRuleSet } from './robots/select-robots-group.js';

/** The outcome of fetching one origin's robots.txt (RFC 9309 §2.3.1). */
export type RobotsRules =
  | { kind: 'allow-all'; status?: number }
  | { kind: 'rules'; ruleSet: RobotsRuleSet; crawlDelaySeconds?: number }
  | { kind: 'unavailable'; reason: string; status?: number };

/** A fetched robots.txt answer as the cache needs it. */
export interface RobotsAnswer {
  status?: number;
  body?: string;
  /** Set when the request failed (timeout, network error). */
  error?: string;
}

/**
 * Where robots.txt answers outlive one fetcher (the engine keeps them in Postgres between runs).
 * RFC 9309 §2.4 lets a crawler use a cached robots.txt for up to 24 hours: `get` answers only what
 * is younger than that, `put` receives each answer fetched (never a failure or a 5xx/429, which
 * are asked again).
 *
 * @example
 * ```ts
 * const saved = new Map<string, RobotsAnswer>();
 * new PoliteFetcher({ policy, robotsStore: { get: (u) => saved.get(u), put: (u, a) => saved.set(u, a) } });
 * ```
 */
export interface RobotsStore {
  get(robotsUrl: string): RobotsAnswer | undefined;
  put(robotsUrl: string, answer: RobotsAnswer): void;
}

/** How long a stored robots.txt answer may be used (RFC 9309 §2.4). */
export const ROBOTS_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Fetches each origin's robots.txt at most once (per fetcher) and answers rules for it.
 * Concurrent callers share the same in-flight fetch, so robots.txt is always the first request.
 * The file is read by the SDK's own RFC 9309 parser (see robots/parse-robots.ts), checked against
 * Google's reference parser's test suite.
 */
export class RobotsCache {
  private readonly entries = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly load: (robotsUrl: string) => Promise<RobotsAnswer>,
    private readonly productToken: string,
    private readonly store?: RobotsStore,
  ) {}

  /** The rules for the origin of `url`, fetching robots.txt the first time. */
  rulesFor(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    let entry = this.entries.get(origin);
    if (!entry) {
      entry = this.fetchRules(`${origin}/robots.txt`);
      this.entries.set(origin, entry);
    }
    return entry;
  }

  /** Whether the rules allow `url`; `rule` names the deciding line when disallowed. */
  check(rules: RobotsRules, url: URL): { allowed: boolean; rule?: string } {
    if (rules.kind === 'allow-all') return { allowed: true };
    if (rules.kind === 'unavailable') return { allowed: false, rule: rules.reason };
    const verdict = robotsVerdict(rules.ruleSet, url);
    return verdict.allowed ? { allowed: true } : { allowed: false, rule: verdict.rule?.text };
  }

  private async fetchRules(robotsUrl: string): Promise<RobotsRules> {
    const kept = this.store?.get(robotsUrl);
    const a = kept ?? (await this.load(robotsUrl));
    // A failure or a struggling server is asked again next time; a real answer is kept.
    if (!kept && a.error === undefined && a.status !== undefined && a.status < 500 && a.status !== 429) this.store?.put(robotsUrl, a);
    if (a.error !== undefined) return { kind: 'unavailable', reason: `robots.txt unreachable: ${a.error}` };
    const status = a.status ?? 0;
    if (status >= 200 && status < 300) {
      const ruleSet = selectRobotsGroup(parseRobotsTxt(a.body ?? ''), this.productToken);
      return { kind: 'rules', ruleSet, crawlDelaySeconds: ruleSet.crawlDelaySeconds };
    }
    // RFC 9309: 4xx means "no rules". We treat 429 like 5xx (the server is struggling, not absent).
    if (status >= 400 && status < 500 && status !== 429) return { kind: 'allow-all', status };
    return { kind: 'unavailable', reason: `robots.txt answered ${status}`, status };
  }
}
