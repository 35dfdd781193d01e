import { robotsPathOf } from './canonical-path.js';
import type { RobotsRule } from './parse-robots.js';
import type { RobotsRuleSet } from './select-robots-group.js';

/** The answer for one URL: allowed or not, and the rule that decided it (none when no rule matched). */
export interface RobotsVerdict {
  allowed: boolean;
  rule?: RobotsRule;
}

/**
 * Whether `url` may be fetched under `set` (RFC 9309 §2.2.2): the matching rule with the longest
 * pattern decides; between an allow and a disallow of equal length the allow wins; no matching rule
 * means allowed, and `/robots.txt` itself is always allowed. Patterns and the URL's path and query
 * are compared in canonical percent-encoded form, case-sensitively.
 *
 * @example
 * ```ts
 * const set = selectRobotsGroup(parseRobotsTxt('User-agent: *\nDisallow: /private\nAllow: /private/ok\n'), 'PathfinderBot');
 * robotsVerdict(set, new URL('https://example.com/private/x')).allowed;  // false
 * robotsVerdict(set, new URL('https://example.com/private/ok')).allowed; // true
 * ```
 */
export function robotsVerdict(set: RobotsRuleSet, url: URL): RobotsVerdict {
  if (url.pathname === '/robots.txt' || set.rules.length === 0) return { allowed: true };
  const path = robotsPathOf(url);
  let best: RobotsRule | undefined;
  for (const rule of set.rules) {
    if (!robotsPatternMatches(path, rule.pattern)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieWonByAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieWonByAllow) best = rule;
  }
  if (!best || best.allow) return { allowed: true, rule: best };
  return { allowed: false, rule: best };
}

/**
 * Whether the canonical `pattern` matches the start of the canonical `path`: `*` matches any run of
 * characters (`/` included) and a final `$` requires the path to end there.
 *
 * One left-to-right pass, no backtracking and no regular expression: the pattern is cut at its `*`s
 * and each piece is looked for once, at the leftmost place after the previous one (the leftmost place
 * leaves the most room for the pieces still to come, so taking it is never wrong); an anchored last
 * piece must end the path. A hostile `/*a*a*a*a*b` costs no more than a plain prefix.
 *
 * @example
 * ```ts
 * robotsPatternMatches('/fish/salmon.php?x=1', '/fish*.php'); // true
 * robotsPatternMatches('/fish.php5', '/*.php$');              // false
 * ```
 */
export function robotsPatternMatches(path: string, pattern: string): boolean {
  const anchored = pattern.endsWith('$');
  const end = anchored ? pattern.length - 1 : pattern.length;
  let star = pattern.indexOf('*');
  if (star < 0) star = end;
  // The literal head must open the path; most rules fail here, on their first characters.
  if (path.length < star) return false;
  for (let i = 0; i < star; i++) if (path.charCodeAt(i) !== pattern.charCodeAt(i)) return false;
  if (star === end) return !anchored || path.length === end;
  let at = star;
  let from = star + 1;
  for (;;) {
    let next = pattern.indexOf('*', from);
    if (next < 0) next = end;
    const piece = pattern.slice(from, next);
    if (next === end) {
      if (!anchored) return path.indexOf(piece, at) >= 0;
      return path.length - piece.length >= at && path.endsWith(piece);
    }
    if (piece !== '') {
      const found = path.indexOf(piece, at);
      if (found < 0) return false;
      at = found + piece.length;
    }
    from = next + 1;
  }
}
