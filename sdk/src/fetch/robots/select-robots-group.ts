import type { ParsedRobots, RobotsRule } from './parse-robots.js';

/** What one crawler must obey in a robots.txt: the rules of the groups that apply to it. */
export interface RobotsRuleSet {
  rules: RobotsRule[];
  /** The largest `Crawl-delay` among those groups, in seconds. */
  crawlDelaySeconds?: number;
}

/**
 * The rules that apply to the crawler whose product token is `productToken` (RFC 9309 §2.2.1):
 * every group naming the token (case-insensitively) merged into one; failing that, every `*` group
 * merged; failing that, no rules at all. A group naming the token but holding no rules still wins
 * over `*`, and allows everything.
 *
 * @example
 * ```ts
 * const set = selectRobotsGroup(parseRobotsTxt('User-agent: *\nDisallow: /\n\nUser-agent: PathfinderBot\nDisallow: /admin\n'), 'PathfinderBot');
 * set.rules.map((r) => r.pattern); // ['/admin']
 * ```
 */
export function selectRobotsGroup(robots: ParsedRobots, productToken: string): RobotsRuleSet {
  const token = productToken.toLowerCase();
  let chosen = robots.groups.filter((g) => token !== '' && g.agents.includes(token));
  if (chosen.length === 0) chosen = robots.groups.filter((g) => g.global);
  const delays = chosen.map((g) => g.crawlDelaySeconds).filter((d): d is number => d !== undefined);
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelaySeconds: delays.length > 0 ? Math.max(...delays) : undefined,
  };
}
