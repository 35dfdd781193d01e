import { canonicalRobotsPattern } from './canonical-path.js';

/**
 * A robots.txt file read as RFC 9309 defines it, with the leniencies of Google's reference parser
 * (github.com/google/robotstxt), whose test suite the SDK runs as data.
 */

/** One `allow` or `disallow` line of a group. */
export interface RobotsRule {
  allow: boolean;
  /** The path pattern in canonical form (see canonical-path.ts): `*` wildcards, an optional final `$`. */
  pattern: string;
  /** 1-based line number in the file. */
  line: number;
  /** The line as written (comment and surrounding blanks removed), for error messages. */
  text: string;
}

/** A group: one or more user-agent lines and the rules that follow them. */
export interface RobotsGroup {
  /** The product tokens named by the group's user-agent lines, lower-cased. */
  agents: string[];
  /** A `User-agent: *` line is among them. */
  global: boolean;
  rules: RobotsRule[];
  /** The group's `Crawl-delay` in seconds (not part of RFC 9309, but widely declared). */
  crawlDelaySeconds?: number;
}

/** A parsed robots.txt. */
export interface ParsedRobots {
  groups: RobotsGroup[];
  /** `Sitemap:` URLs, wherever they appear in the file. */
  sitemaps: string[];
}

/** Bytes of a robots.txt that are read; the rest is ignored (RFC 9309 §2.5: at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** Bytes of one line that are read; the rest of the line is ignored (Google's parser: 8 × 2083 − 1). */
export const ROBOTS_MAX_LINE_BYTES = 8 * 2083 - 1;

type Key = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'crawl-delay';

// Keys are recognised by prefix, case-insensitively, with the misspellings Google's parser accepts
// ("useragent", "dissallow"...). Order matters: "allow" is tried before the disallow family.
const KEYS: [Key, RegExp][] = [
  ['user-agent', /^(user-agent|useragent|user agent)/i],
  ['allow', /^allow/i],
  ['disallow', /^(disallow|dissallow|dissalow|disalow|diasllow|disallaw)/i],
  ['sitemap', /^(sitemap|site-map)/i],
  ['crawl-delay', /^crawl-?delay/i],
];

/**
 * Parses a robots.txt body in one pass, linear in its length.
 *
 * - Lines end at CR, LF or CRLF; a `#` starts a comment; blank lines are ignored.
 * - `key: value`; a line without its colon is still read when it is exactly two words
 *   (`disallow /`).
 * - A group starts at a user-agent line that follows a rule (or starts the file's first group);
 *   consecutive user-agent lines, even with blank, `Sitemap`, `Crawl-delay` or unknown lines between
 *   them, name one group. Rules before the first user-agent line belong to no group and are ignored.
 * - A user-agent value names the product token made of its leading letters, `_` and `-`
 *   (`PathfinderBot/1.0` and `PathfinderBot extra` both name `pathfinderbot`); `*` names every crawler.
 * - An `allow` of `…/index.html` also allows the directory itself (`…/$`), as Google does.
 * - A UTF-8 byte-order mark, whole or partial, is skipped; only the first {@link ROBOTS_MAX_BYTES}
 *   bytes are read, and of each line its first {@link ROBOTS_MAX_LINE_BYTES} bytes.
 *
 * @example
 * ```ts
 * const robots = parseRobotsTxt('User-agent: PathfinderBot\nDisallow: /admin\nSitemap: https://example.com/sitemap.xml\n');
 * robots.groups[0]!.agents;  // ['pathfinderbot']
 * robots.groups[0]!.rules;   // [{ allow: false, pattern: '/admin', line: 2, text: 'Disallow: /admin' }]
 * robots.sitemaps;           // ['https://example.com/sitemap.xml']
 * ```
 */
export function parseRobotsTxt(body: string): ParsedRobots {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let group: RobotsGroup | undefined;
  // Whether the current group has had a rule line yet: the next user-agent line then starts a new group.
  let groupHasRules = false;

  const lines = withinSizeLimit(stripByteOrderMark(body)).split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const kv = keyAndValue(cutLongLine(lines[n]!));
    if (!kv) continue;
    const key = KEYS.find(([, re]) => re.test(kv.key))?.[0];
    if (key === 'user-agent') {
      if (!group || groupHasRules) {
        group = { agents: [], global: false, rules: [] };
        groups.push(group);
        groupHasRules = false;
      }
      addAgent(group, kv.value);
    } else if (key === 'allow' || key === 'disallow') {
      if (!group) continue;
      groupHasRules = true;
      // An empty value matches nothing (RFC 9309: `Disallow:` allows everything).
      if (kv.value === '') continue;
      const rule: RobotsRule = { allow: key === 'allow', pattern: canonicalRobotsPattern(kv.value), line: n + 1, text: kv.text };
      group.rules.push(rule);
      const dir = rule.allow ? directoryOfIndexPage(rule.pattern) : undefined;
      if (dir !== undefined) group.rules.push({ ...rule, pattern: dir });
    } else if (key === 'sitemap') {
      if (kv.value !== '') sitemaps.push(kv.value);
    } else if (key === 'crawl-delay' && group) {
      const seconds = Number(kv.value);
      if (kv.value !== '' && Number.isFinite(seconds) && seconds >= 0) group.crawlDelaySeconds = seconds;
    }
  }
  return { groups, sitemaps };
}

function addAgent(group: RobotsGroup, value: string): void {
  // `*` names every crawler, also when junk follows it after a space ("* # all").
  if (/^\*(\s|$)/.test(value)) {
    group.global = true;
    return;
  }
  const token = /^[A-Za-z_-]+/.exec(value)?.[0];
  if (token) group.agents.push(token.toLowerCase());
}

// Google reads `Allow: /dir/index.html` as also allowing `/dir/` (the page a server answers there).
function directoryOfIndexPage(pattern: string): string | undefined {
  const m = /^(.*\/)index\.html?\$?$/.exec(pattern);
  return m ? `${m[1]}$` : undefined;
}

function keyAndValue(raw: string): { key: string; value: string; text: string } | undefined {
  const hash = raw.indexOf('#');
  const line = trim(hash >= 0 ? raw.slice(0, hash) : raw);
  if (line === '') return undefined;
  const colon = line.indexOf(':');
  if (colon >= 0) {
    const key = trim(line.slice(0, colon));
    return key === '' ? undefined : { key, value: trim(line.slice(colon + 1)), text: line };
  }
  // No colon: accepted only as exactly two words, where the blank stands in for the colon.
  const words = line.split(/[ \t]+/);
  return words.length === 2 ? { key: words[0]!, value: words[1]!, text: line } : undefined;
}

function trim(s: string): string {
  return s.replace(/^[ \t\v\f]+|[ \t\v\f]+$/g, '');
}

// A UTF-8 BOM (EF BB BF), or the first one or two of its bytes, may open the file. The body reaches
// us decoded: a whole BOM as U+FEFF (or already dropped by the decoder), a partial one as U+FFFD, and
// as "ï»¿" when the server declared a Latin-1 charset.
function stripByteOrderMark(body: string): string {
  return body.replace(/^(\uFEFF|\uFFFD|\u00EF\u00BB\u00BF|\u00EF\u00BB|\u00EF)/, '');
}

function withinSizeLimit(body: string): string {
  if (body.length <= ROBOTS_MAX_BYTES / 3) return body;
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= ROBOTS_MAX_BYTES) return body;
  const kept = bytes.subarray(0, ROBOTS_MAX_BYTES).toString('utf8');
  // A line cut in half by the limit is dropped rather than read short: `Allow: /a/b` read as `Allow: /`
  // would allow the whole site.
  const next = bytes[ROBOTS_MAX_BYTES];
  if (next === 0x0a || next === 0x0d) return kept;
  return kept.slice(0, Math.max(kept.lastIndexOf('\n'), kept.lastIndexOf('\r'), 0));
}

function cutLongLine(line: string): string {
  if (line.length <= ROBOTS_MAX_LINE_BYTES / 3) return line;
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= ROBOTS_MAX_LINE_BYTES) return line;
  let end = ROBOTS_MAX_LINE_BYTES;
  // Never end inside a multi-byte character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
