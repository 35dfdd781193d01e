import robotsParserImport from 'robots-parser';

/** What robots-parser returns (its own typings only declare the module loosely). */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
}

// robots-parser is CommonJS with `export default` typings; under NodeNext the default import is the
// module namespace object for the type checker, so cast it to the function it really is.
const robotsParser = robotsParserImport as unknown as (url: string, body: string) => Robot;

/** The outcome of fetching one origin's robots.txt (RFC 9309 §2.3.1). */
export type RobotsRules =
  | { kind: 'allow-all'; status?: number }
  | { kind: 'rules'; robot: Robot; crawlDelaySeconds?: number; body: string }
  | { kind: 'unavailable'; reason: string; status?: number };

/** A fetched robots.txt answer as the cache needs it. */
export interface RobotsAnswer {
  status?: number;
  body?: string;
  /** Set when the request failed (timeout, network error). */
  error?: string;
}

/**
 * Fetches each origin's robots.txt at most once (per fetcher) and answers rules for it.
 * Concurrent callers share the same in-flight fetch, so robots.txt is always the first request.
 */
export class RobotsCache {
  private readonly entries = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly load: (robotsUrl: string) => Promise<RobotsAnswer>,
    private readonly productToken: string,
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

  /** Whether the rules allow `url`; `rule` names the matching line when disallowed. */
  check(rules: RobotsRules, url: URL): { allowed: boolean; rule?: string } {
    if (rules.kind === 'allow-all') return { allowed: true };
    if (rules.kind === 'unavailable') return { allowed: false, rule: rules.reason };
    const allowed = rules.robot.isAllowed(url.href, this.productToken) !== false;
    if (allowed) return { allowed };
    const line = rules.robot.getMatchingLineNumber(url.href, this.productToken);
    const text = line > 0 ? rules.body.split(/\r\n|\r|\n/)[line - 1]?.trim() : undefined;
    return { allowed, rule: text };
  }

  private async fetchRules(robotsUrl: string): Promise<RobotsRules> {
    const a = await this.load(robotsUrl);
    if (a.error !== undefined) return { kind: 'unavailable', reason: `robots.txt unreachable: ${a.error}` };
    const status = a.status ?? 0;
    if (status >= 200 && status < 300) {
      const body = a.body ?? '';
      const robot = robotsParser(robotsUrl, body);
      return { kind: 'rules', robot, body, crawlDelaySeconds: robot.getCrawlDelay(this.productToken) };
    }
    // RFC 9309: 4xx means "no rules". We treat 429 like 5xx (the server is struggling, not absent).
    if (status >= 400 && status < 500 && status !== 429) return { kind: 'allow-all', status };
    return { kind: 'unavailable', reason: `robots.txt answered ${status}`, status };
  }
}
