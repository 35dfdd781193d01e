import { describe, expect, it } from 'vitest';
import { canonicalRobotsPattern, robotsPathOf } from '../../src/fetch/robots/canonical-path.js';
import { robotsPatternMatches, robotsVerdict } from '../../src/fetch/robots/match-robots.js';
import { parseRobotsTxt, ROBOTS_MAX_BYTES } from '../../src/fetch/robots/parse-robots.js';
import { selectRobotsGroup } from '../../src/fetch/robots/select-robots-group.js';
import { decodeBody } from '../../src/fetch/transport.js';
import { GOOGLE_CASES, GOOGLE_ESCAPE_CASES, GOOGLE_PATH_CASES, GOOGLE_SITEMAP_CASES } from './robots-cases/google-cases.js';

// The same cases as robots-google-cases.test.ts, straight against the parser (fast, no sockets), plus
// the SDK's own cases for what Google's suite does not cover.

function allowed(body: string, token: string, url: string): boolean {
  return robotsVerdict(selectRobotsGroup(parseRobotsTxt(body), token), new URL(url)).allowed;
}

describe("Google's robots.txt cases against the parser", () => {
  it.each(GOOGLE_CASES.map((c, i) => [`#${i} ${c.source} ${c.agent} ${c.url.slice(0, 80)}`, c] as const))('%s', (_, c) => {
    // Decoded as the fetcher's transport decodes a text/plain body.
    const body = decodeBody(Buffer.concat([Buffer.from(c.prefixHex ?? '', 'hex'), Buffer.from(c.robots, 'utf8')]), 'text/plain');
    expect(allowed(body, c.agent, c.url || 'http://foo.bar/')).toBe(c.sdk?.allowed ?? c.allowed);
  });

  it.each(GOOGLE_SITEMAP_CASES)('$source', ({ robots, sitemaps }) => {
    expect(parseRobotsTxt(robots).sitemaps).toEqual(sitemaps);
  });

  it.each(GOOGLE_PATH_CASES)('$source: $url → $path', ({ url, path }) => {
    expect(robotsPathOf(new URL(url))).toBe(path);
  });

  it.each(GOOGLE_ESCAPE_CASES)('$source: $pattern → $escaped', ({ pattern, escaped }) => {
    expect(canonicalRobotsPattern(pattern)).toBe(escaped);
  });
});

describe('robots.txt groups', () => {
  it('a Sitemap or unknown line between user-agent lines does not split the group (issue 12)', () => {
    for (const middle of ['Sitemap: https://example.com/sitemap.xml', 'Noindex: /x', 'Crawl-delay: 3', '# comment', '']) {
      const body = `User-agent: PathfinderBot\n${middle}\nUser-agent: OtherBot\nDisallow: /\n`;
      expect(allowed(body, 'PathfinderBot', 'https://example.com/jobs')).toBe(false);
    }
  });

  it('names the product token by its leading letters, "_" and "-"', () => {
    for (const ua of ['PathfinderBot extra', 'PathfinderBot/1.2', 'pathfinderbot', 'PATHFINDERBOT (+https://x)']) {
      expect(allowed(`User-agent: ${ua}\nDisallow: /\n`, 'PathfinderBot', 'https://example.com/jobs')).toBe(false);
    }
    // Neither a longer nor a shorter token is ours.
    expect(allowed('User-agent: PathfinderBotX\nDisallow: /\n', 'PathfinderBot', 'https://example.com/jobs')).toBe(true);
    expect(allowed('User-agent: Pathfinder\nDisallow: /\n', 'PathfinderBot', 'https://example.com/jobs')).toBe(true);
  });

  it('merges every group naming the token, and every * group otherwise', () => {
    const body = 'User-agent: *\nDisallow: /a\n\nUser-agent: PathfinderBot\nDisallow: /b\n\nUser-agent: *\nDisallow: /c\n\nUser-agent: PathfinderBot\nDisallow: /d\n';
    const ours = selectRobotsGroup(parseRobotsTxt(body), 'PathfinderBot').rules.map((r) => r.pattern);
    expect(ours).toEqual(['/b', '/d']);
    const others = selectRobotsGroup(parseRobotsTxt(body), 'OtherBot').rules.map((r) => r.pattern);
    expect(others).toEqual(['/a', '/c']);
  });

  it('reads the RFC 9309 §5.1 example as the RFC describes it', () => {
    const body =
      'User-Agent: *\nDisallow: *.gif$\nDisallow: /example/\nAllow: /publications/\n\n' +
      'User-Agent: foobot\nDisallow:/\nAllow:/example/page.html\nAllow:/example/allowed.gif\n\n' +
      'User-Agent: barbot\nUser-Agent: bazbot\nDisallow: /example/page.html\n\nUser-Agent: quxbot\n\nEOF\n';
    const u = (p: string): string => `https://www.example.com${p}`;
    expect(allowed(body, 'SomeBot', u('/publications/a.html'))).toBe(true);
    expect(allowed(body, 'SomeBot', u('/example/x'))).toBe(false);
    expect(allowed(body, 'SomeBot', u('/img/a.gif'))).toBe(false);
    expect(allowed(body, 'foobot', u('/example/page.html'))).toBe(true);
    expect(allowed(body, 'foobot', u('/example/allowed.gif'))).toBe(true);
    expect(allowed(body, 'foobot', u('/other'))).toBe(false);
    expect(allowed(body, 'bazbot', u('/example/page.html'))).toBe(false);
    expect(allowed(body, 'barbot', u('/example/other'))).toBe(true);
    expect(allowed(body, 'quxbot', u('/anything'))).toBe(true);
  });

  it('accepts the key misspellings Google accepts, and a missing colon only between exactly two words', () => {
    expect(allowed('useragent: PathfinderBot\ndissallow: /x\n', 'PathfinderBot', 'https://e.com/x')).toBe(false);
    expect(allowed('user agent: PathfinderBot\ndisallaw: /x\n', 'PathfinderBot', 'https://e.com/x')).toBe(false);
    expect(allowed('User-agent PathfinderBot\nDisallow /x\n', 'PathfinderBot', 'https://e.com/x')).toBe(false);
    // Three words and no colon: not a directive.
    expect(allowed('User-agent: PathfinderBot\nDisallow /x /y\n', 'PathfinderBot', 'https://e.com/x')).toBe(true);
    expect(allowed('User-agent: PathfinderBot\nDisallow: /x\n', 'PathfinderBot', 'https://e.com/robots.txt')).toBe(true);
  });
});

describe('robots.txt path matching', () => {
  it('matches rules holding [ ] | whether the request spells them raw or escaped (issue 12)', () => {
    const body = 'User-agent: *\nDisallow: /search[1]\nDisallow: /a|b\nDisallow: /p%7Cq\n';
    for (const path of ['/search[1]', '/search%5B1%5D', '/a|b', '/a%7Cb', '/a%7cb', '/p|q']) {
      expect(allowed(body, 'PathfinderBot', `https://e.com${path}`), path).toBe(false);
    }
  });

  it('compares non-ASCII as UTF-8 escapes and unreserved escapes decoded, hex case ignored', () => {
    const body = 'User-agent: *\nDisallow: /café\nDisallow: /%7Euser\n';
    expect(allowed(body, 'X', 'https://e.com/café/menu')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/caf%c3%a9')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/~user/x')).toBe(false);
    // A reserved character keeps its form: %2F is not a path separator.
    expect(allowed('User-agent: *\nDisallow: /a/b\n', 'X', 'https://e.com/a%2Fb')).toBe(true);
  });

  it('takes %2A and %24 as a literal * and $, and a $ before the end as a literal', () => {
    const body = 'User-agent: *\nDisallow: /file-%2A.html\nDisallow: /price-%24\nDisallow: /a$b\n';
    expect(allowed(body, 'X', 'https://e.com/file-*.html')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/file-x.html')).toBe(true);
    expect(allowed(body, 'X', 'https://e.com/price-$')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/a$b/c')).toBe(false);
  });

  it('matches wildcards without backtracking, leftmost pieces first', () => {
    expect(robotsPatternMatches('/a/b/c/d.pdf', '/*/*/*.pdf$')).toBe(true);
    expect(robotsPatternMatches('/a.pdf.pdf', '/*.pdf$')).toBe(true);
    expect(robotsPatternMatches('/a.pdfx', '/*.pdf$')).toBe(false);
    expect(robotsPatternMatches('/aaaa', '/*a*a*a*a*a')).toBe(false);
    expect(robotsPatternMatches('/aaaaa', '/*a*a*a*a*a')).toBe(true);
    expect(robotsPatternMatches(`/${'a'.repeat(10_000)}`, `/${'*a'.repeat(200)}*b`)).toBe(false);
    expect(robotsPatternMatches('/x', '*')).toBe(true);
    expect(robotsPatternMatches('/', '/$')).toBe(true);
  });

  it('names the deciding rule', () => {
    const set = selectRobotsGroup(parseRobotsTxt('User-agent: *\nDisallow: /private  # keep out\nAllow: /private/ok\n'), 'X');
    expect(robotsVerdict(set, new URL('https://e.com/private/x')).rule).toMatchObject({ allow: false, line: 2, text: 'Disallow: /private' });
    expect(robotsVerdict(set, new URL('https://e.com/private/ok')).rule).toMatchObject({ allow: true, line: 3 });
    expect(robotsVerdict(set, new URL('https://e.com/public')).rule).toBeUndefined();
  });
});

describe('robots.txt limits and encoding', () => {
  it(`reads the first ${ROBOTS_MAX_BYTES} bytes (500 KiB) and drops a line the limit cuts`, () => {
    const head = 'User-agent: *\nDisallow: /early\n';
    const pad = (n: number): string => `# ${'x'.repeat(n - 3)}\n`;
    const fill = pad(ROBOTS_MAX_BYTES - head.length - 'Disallow: /b'.length);
    // "Disallow: /b" ends exactly at the limit: read. "Disallow: /late" lies past it: not read.
    const body = `${head}${fill}Disallow: /b\nDisallow: /late\n`;
    expect(Buffer.byteLength(`${head}${fill}Disallow: /b`)).toBe(ROBOTS_MAX_BYTES);
    expect(allowed(body, 'X', 'https://e.com/early')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/b')).toBe(false);
    expect(allowed(body, 'X', 'https://e.com/late')).toBe(true);
    // An Allow cut short by the limit must not turn into "Allow: /".
    const cut = `User-agent: *\nDisallow: /\n${pad(ROBOTS_MAX_BYTES - 26 - 'Allow: /'.length)}Allow: /only/this\n`;
    expect(allowed(cut, 'X', 'https://e.com/secret')).toBe(false);
    expect(allowed(cut, 'X', 'https://e.com/only/this')).toBe(false);
  });

  it('skips a byte-order mark whichever charset the server declared', () => {
    const body = Buffer.from('\uFEFFUser-agent: *\nDisallow: /x\n', 'utf8');
    expect(allowed(decodeBody(body, 'text/plain; charset=iso-8859-1'), 'X', 'https://e.com/x')).toBe(false);
    expect(allowed(decodeBody(body, 'text/plain; charset=utf-8'), 'X', 'https://e.com/x')).toBe(false);
    expect(allowed('\uFEFFUser-agent: *\nDisallow: /x\n', 'X', 'https://e.com/x')).toBe(false);
  });
});

describe('robots.txt Crawl-delay', () => {
  const delay = (body: string, token = 'PathfinderBot'): number | undefined => selectRobotsGroup(parseRobotsTxt(body), token).crawlDelaySeconds;

  it('comes from the group that applies, the largest when several merge', () => {
    expect(delay('User-agent: *\nCrawl-delay: 10\n\nUser-agent: PathfinderBot\nCrawl-delay: 2\nDisallow: /x\n')).toBe(2);
    expect(delay('User-agent: *\nCrawl-delay: 10\nDisallow: /x\n\nUser-agent: OtherBot\nCrawl-delay: 2\nDisallow: /y\n')).toBe(10);
    expect(delay('User-agent: PathfinderBot\nCrawl-delay: 1.5\nDisallow: /a\n\nUser-agent: PathfinderBot\nCrawl-delay: 4\n')).toBe(4);
    expect(delay('User-agent: OtherBot\nCrawl-delay: 9\n')).toBeUndefined();
  });

  it('ignores a value that is not a non-negative number', () => {
    for (const v of ['', 'soon', '-3', 'Infinity']) expect(delay(`User-agent: *\nCrawl-delay: ${v}\n`), v).toBeUndefined();
  });
});
