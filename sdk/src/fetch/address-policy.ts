import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the fetcher may connect to: every globally reachable unicast address, and none of
 * the special-purpose ranges (IANA's IPv4 and IPv6 special-purpose registries: loopback, private,
 * link-local, CGNAT, ULA, multicast, documentation, benchmarking, reserved…) unless the allow-list
 * names the host. This is what keeps a crawl or a link check from reaching the machine's own
 * services or a cloud metadata endpoint (169.254.169.254) through a URL someone else wrote.
 */

/** Labelled ranges; the first that contains an address names it in errors. */
const IPV4_RANGES: [label: string, cidr: string][] = [
  ['"this network"', '0.0.0.0/8'],
  ['private', '10.0.0.0/8'],
  ['shared (CGNAT)', '100.64.0.0/10'],
  ['loopback', '127.0.0.0/8'],
  ['link-local', '169.254.0.0/16'],
  ['private', '172.16.0.0/12'],
  ['IETF protocol assignment', '192.0.0.0/24'],
  ['documentation', '192.0.2.0/24'],
  ['6to4 relay anycast', '192.88.99.0/24'],
  ['private', '192.168.0.0/16'],
  ['benchmarking', '198.18.0.0/15'],
  ['documentation', '198.51.100.0/24'],
  ['documentation', '203.0.113.0/24'],
  ['multicast', '224.0.0.0/4'],
  // 240/4 includes the limited broadcast address 255.255.255.255.
  ['reserved or broadcast', '240.0.0.0/4'],
];

const IPV6_RANGES: [label: string, cidr: string][] = [
  ['unspecified', '::/128'],
  ['loopback', '::1/128'],
  ['local-use NAT64', '64:ff9b:1::/48'],
  ['discard-only', '100::/64'],
  // Teredo, benchmarking, ORCHID and other protocol assignments; none is a web server's address.
  ['IETF protocol assignment', '2001::/23'],
  ['documentation', '2001:db8::/32'],
  ['documentation', '3fff::/20'],
  ['unique local (ULA)', 'fc00::/7'],
  ['link-local', 'fe80::/10'],
  ['site-local', 'fec0::/10'],
  ['multicast', 'ff00::/8'],
];

function blockListOf(ranges: [string, string][], type: 'ipv4' | 'ipv6'): [string, BlockList][] {
  return ranges.map(([label, cidr]) => {
    const [network, prefix] = cidr.split('/') as [string, string];
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), type);
    return [label, list];
  });
}

const V4 = blockListOf(IPV4_RANGES, 'ipv4');
const V6 = blockListOf(IPV6_RANGES, 'ipv6');
const GLOBAL_UNICAST_V6 = blockListOf([['global unicast', '2000::/3']], 'ipv6')[0]![1];

/** The 16 bytes of an IPv6 address (already known to be valid; a zone id is ignored). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!;
  const bytes: number[] = [];
  // A trailing dotted quad (::ffff:127.0.0.1) is two groups written as IPv4.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (quad) {
    tail = quad[1]!.split('.').map(Number);
    text = text.slice(0, -quad[1]!.length) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  for (const g of groups) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (quad) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d),
 * NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). A connection to such an address reaches
 * (or is translated to) the IPv4 host, so that host is what must be checked.
 */
function embeddedIPv4(address: string): { v4: string; form: string } | undefined {
  const b = ipv6Bytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const last4 = () => b.slice(12, 16).join('.');
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return { v4: last4(), form: 'IPv4-mapped' };
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) return { v4: last4(), form: 'IPv4-translated' };
  if (zero(0, 12)) return { v4: last4(), form: 'IPv4-compatible' };
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return { v4: last4(), form: 'NAT64' };
  if (b[0] === 0x20 && b[1] === 0x02) return { v4: b.slice(2, 6).join('.'), form: '6to4' };
  return undefined;
}

/**
 * The special-purpose range `address` is in (e.g. `loopback`, `private`, `link-local`), or
 * `undefined` for an ordinary public address. IPv6 forms that embed an IPv4 address are judged by
 * that address; any other IPv6 address outside global unicast (2000::/3) is refused as reserved.
 *
 * @example
 * ```ts
 * specialRangeOf('169.254.169.254'); // 'link-local'
 * specialRangeOf('::ffff:127.0.0.1'); // 'loopback (IPv4-mapped)'
 * specialRangeOf('93.184.215.14'); // undefined
 * ```
 */
export function specialRangeOf(address: string): string | undefined {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return V4.find(([, list]) => list.check(address, 'ipv4'))?.[0];
  if (family !== 6) return 'not an IP address';
  const plain = address.split('%')[0]!;
  const named = V6.find(([, list]) => list.check(plain, 'ipv6'))?.[0];
  if (named) return named;
  const embedded = embeddedIPv4(plain);
  if (embedded) {
    const inner = specialRangeOf(embedded.v4);
    return inner ? `${inner} (${embedded.form})` : undefined;
  }
  return GLOBAL_UNICAST_V6.check(plain, 'ipv6') ? undefined : 'reserved';
}

/** One allow-list entry: a host name, an address or a CIDR block, optionally with a port. */
interface AllowEntry {
  name?: string;
  addresses?: BlockList;
  port?: number;
}

/**
 * Parses one allow-list entry: `mirror.internal`, `mirror.internal:8080`, `10.0.0.5`,
 * `10.0.0.5:8080`, `10.0.0.0/8`, `::1`, `[::1]:8080`, `fd00::/8`. Throws a plain `Error` naming
 * the entry when it is none of these.
 */
function parseAllowEntry(raw: string): AllowEntry {
  const text = raw.trim().toLowerCase();
  const fail = (why: string): never => {
    throw new Error(`"${raw}" is not a host name, an address or a CIDR block (${why})`);
  };
  if (!text) fail('empty');
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (cidr) {
    const family = isIP(cidr[1]!);
    const prefix = Number(cidr[2]);
    if (family === 0) fail('the part before "/" is not an address');
    if (prefix > (family === 4 ? 32 : 128)) fail('prefix too long');
    const addresses = new BlockList();
    addresses.addSubnet(cidr[1]!, prefix, family === 4 ? 'ipv4' : 'ipv6');
    return { addresses };
  }
  let host = text;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const withPort = /^([^:]+):(\d+)$/.exec(text);
  if (bracketed) [host, port] = [bracketed[1]!, bracketed[2] === undefined ? undefined : Number(bracketed[2])];
  else if (withPort) [host, port] = [withPort[1]!, Number(withPort[2])];
  if (port !== undefined && (port < 1 || port > 65535)) fail('port out of range');
  const family = isIP(host);
  if (family !== 0) {
    const addresses = new BlockList();
    addresses.addAddress(host, family === 4 ? 'ipv4' : 'ipv6');
    return { addresses, port };
  }
  if (bracketed) fail('only an IPv6 address goes in brackets');
  // A DNS name (labels of letters, digits, hyphens and underscores), trailing dot allowed.
  if (!/^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/.test(host)) {
    fail('not a valid host name');
  }
  return { name: host.replace(/\.$/, ''), port };
}

/**
 * Checks that every entry of an allow-list parses; returns the problem of the first that does not.
 *
 * @example
 * ```ts
 * allowListProblem(['mirror.internal', '10.0.0.0/8']); // undefined
 * allowListProblem(['http://x']); // '"http://x" is not a host name, ...'
 * ```
 */
export function allowListProblem(entries: readonly string[]): string | undefined {
  for (const entry of entries) {
    try {
      parseAllowEntry(entry);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return undefined;
}

/** The host of a URL as a connection sees it: lower case, no IPv6 brackets, no trailing dot. */
export function connectHostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** The port a connection to `url` uses (the scheme's default when the URL names none). */
export function connectPortOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * The address policy of one fetcher: public addresses pass; a special-purpose address passes only
 * when an allow-list entry names the host as requested, or the address itself (or a CIDR block
 * holding it), with the entry's port if it has one.
 *
 * @example
 * ```ts
 * const policy = new AddressPolicy(['mirror.internal', '127.0.0.1:8080']);
 * policy.refusal('mirror.internal', '10.1.2.3', 443); // undefined: named
 * policy.refusal('127.0.0.1', '127.0.0.1', 8080); // undefined: address and port named
 * policy.refusal('127.0.0.1', '127.0.0.1', 6379); // 'loopback'
 * policy.refusal('evil.example', '169.254.169.254', 80); // 'link-local'
 * ```
 */
export class AddressPolicy {
  private readonly entries: AllowEntry[];

  /** Throws when an entry does not parse (see {@link allowListProblem}). */
  constructor(allowedHosts: readonly string[] = []) {
    this.entries = allowedHosts.map(parseAllowEntry);
  }

  /**
   * Why a connection to `address` (reached through the name `host`) on `port` is refused, i.e. the
   * special-purpose range it is in; `undefined` when it may go ahead.
   */
  refusal(host: string, address: string, port: number): string | undefined {
    const range = specialRangeOf(address);
    if (range === undefined) return undefined;
    const name = host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
    const plain = address.split('%')[0]!;
    const type = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
    const allowed = this.entries.some((e) =>
      (e.port === undefined || e.port === port)
      && (e.name !== undefined ? e.name === name : e.addresses!.check(plain, type)));
    return allowed ? undefined : range;
  }
}

/**
 * For checks when a URL is saved (an admin's baseUrl, an employer's job link): the range of the
 * URL's host when it is a literal address the policy refuses, else `undefined` (a name is left to
 * the connect-time check, since what it resolves to may change). The host is read from the parsed
 * URL, so `http://2130706433/` and `http://0x7f.1/` are seen as 127.0.0.1.
 *
 * @example
 * ```ts
 * refusedLiteralHost('http://169.254.169.254/latest/', new AddressPolicy()); // { host: '169.254.169.254', range: 'link-local' }
 * refusedLiteralHost('https://jobs.example.ca/', new AddressPolicy()); // undefined
 * ```
 */
export function refusedLiteralHost(url: string | URL, policy: AddressPolicy): { host: string; range: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = connectHostOf(parsed);
  if (isIP(host) === 0) return undefined;
  const range = policy.refusal(host, host, connectPortOf(parsed));
  return range === undefined ? undefined : { host, range };
}
