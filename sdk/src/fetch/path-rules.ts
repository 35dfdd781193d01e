/**
 * robots.txt-style path rules, shared by the manifest's `disallowedPaths` and the test kit.
 * A rule is a path prefix; `*` matches any run of characters and a trailing `$` anchors the end
 * (RFC 9309 §2.2.3). Rules match against the path plus query string.
 */

/**
 * True when `pathAndQuery` (e.g. `/jobs?id=1`) matches `rule` (e.g. `/admin`, `/*.pdf$`, `*?print=1`).
 *
 * @example
 * ```ts
 * matchesPathRule('/files/a.pdf', '/*.pdf$'); // true
 * matchesPathRule('/jobs?id=1', '/admin');    // false
 * ```
 */
export function matchesPathRule(pathAndQuery: string, rule: string): boolean {
  if (rule === '') return false;
  const anchored = rule.endsWith('$');
  const body = normalisePath(anchored ? rule.slice(0, -1) : rule);
  const pattern = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}${anchored ? '$' : ''}`).test(normalisePath(pathAndQuery));
}

/** The first rule in `rules` that `url` matches, or undefined. */
export function findMatchingRule(url: string | URL, rules: readonly string[]): string | undefined {
  const u = typeof url === 'string' ? new URL(url) : url;
  const target = `${u.pathname}${u.search}`;
  return rules.find((rule) => matchesPathRule(target, rule));
}

// Percent-encoding differences ('/caf%C3%A9' vs '/café') must not dodge a rule: compare decoded.
function normalisePath(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}
