/**
 * One spelling for robots.txt comparison (RFC 9309 §2.2.2). A rule's pattern and the path of the URL
 * it is checked against are each brought to the same canonical ASCII form first, so one resource
 * written two ways meets the same rule:
 *
 * - a character a URI path or query cannot hold (anything non-ASCII, as its UTF-8 octets; control
 *   characters, space, `"`, `<`, `>`, `[`, `]`, `\`, `^`, `` ` ``, `{`, `|`, `}`) is percent-encoded
 *   (`[` and `]` are reserved for IPv6 hosts, so in a path they are data);
 * - every `%xx` escape gets upper-case hex, and an escape of an unreserved character
 *   (`A-Z a-z 0-9 - . _ ~`) is decoded, as the RFC's own table does (`/foo/bar/%62%61%7A` is `/foo/bar/baz`);
 * - other reserved characters keep the form they were written in, literal or escaped: `/a%2Fb` is not `/a/b`;
 * - `*`, `$` and `'` are always compared escaped. In a pattern `*` is the wildcard and a final `$`
 *   the end anchor, so a site that means a literal one writes `%2A` / `%24` (RFC 9309 §2.2.3), and
 *   the URL side must spell them the same way. `'` is escaped because WHATWG URLs escape it in a
 *   query but not in a path.
 */

const HEX = '0123456789ABCDEF';

// Characters left as written: the unreserved and reserved characters of RFC 3986 a path or query may
// hold, and '%' (a stray '%' that starts no escape is kept by browsers and by Google alike). '*', '$'
// and '\'' are not here on purpose (see above), nor '[' and ']'.
const KEEP = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!&()+,;=%') {
  KEEP[c.charCodeAt(0)] = 1;
}

const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') UNRESERVED[c.charCodeAt(0)] = 1;

const utf8 = new TextEncoder();

/**
 * The canonical form of a robots.txt path pattern (the value of an `allow`/`disallow` line).
 * `*` stays the wildcard and a final `$` stays the end anchor; everything else is normalised as
 * described in this module.
 *
 * @example
 * ```ts
 * canonicalRobotsPattern('/café/*.pdf$'); // '/caf%C3%A9/*.pdf$'
 * canonicalRobotsPattern('/%7euser/%2a'); // '/~user/%2A'
 * ```
 */
export function canonicalRobotsPattern(pattern: string): string {
  const anchored = pattern.endsWith('$');
  const body = canonical(anchored ? pattern.slice(0, -1) : pattern, true);
  return anchored ? `${body}$` : body;
}

/**
 * The canonical form of the part of `url` robots.txt rules are matched against: the path and
 * query, without the fragment (a bare trailing `?` is kept, as it was sent).
 *
 * @example
 * ```ts
 * robotsPathOf(new URL('https://example.com/jobs/caf%c3%a9?id=1#top')); // '/jobs/caf%C3%A9?id=1'
 * ```
 */
export function robotsPathOf(url: URL): string {
  let search = url.search;
  if (search === '') {
    const href = url.href;
    const hash = href.indexOf('#');
    if ((hash < 0 ? href : href.slice(0, hash)).endsWith('?')) search = '?';
  }
  return canonical(`${url.pathname}${search}`, false);
}

function canonical(input: string, isPattern: boolean): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x25 && isHex(input.charCodeAt(i + 1)) && isHex(input.charCodeAt(i + 2))) {
      const byte = parseInt(input.slice(i + 1, i + 3), 16);
      out += byte < 0x80 && UNRESERVED[byte] ? String.fromCharCode(byte) : `%${input.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else if (c === 0x2a && isPattern) {
      out += '*';
    } else if (c < 0x80) {
      out += KEEP[c] ? input[i] : escapeByte(c);
    } else {
      // A whole code point (a surrogate pair is one), as its UTF-8 octets; a lone surrogate
      // becomes U+FFFD, as it would in a URL.
      const cp = input.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of utf8.encode(String.fromCodePoint(cp))) out += escapeByte(b);
    }
  }
  return out;
}

function escapeByte(b: number): string {
  return `%${HEX[b >> 4]}${HEX[b & 15]}`;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
