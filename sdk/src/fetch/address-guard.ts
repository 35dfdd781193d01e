import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { PrivateAddressError } from '../errors.js';
import { AddressPolicy, allowListProblem, connectHostOf, connectPortOf } from './address-policy.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/**
 * Resolves a host name to its addresses (default: the system resolver, `dns.lookup` with
 * `all: true`). Tests inject one to pretend a public-looking name resolves to 127.0.0.1, since
 * tests never use real DNS.
 */
export type HostResolver = (hostname: string, family: 0 | 4 | 6) => Promise<ResolvedAddress[]>;

const systemResolver: HostResolver = (hostname, family) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, family }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/**
 * Enforces an {@link AddressPolicy} where connections are made. A literal address in the URL is
 * checked directly (Node does not resolve those); a host name is checked inside the socket's
 * `lookup`, after resolution, and the socket then connects to exactly the addresses that were
 * checked, so a name that resolves to a public address now and 127.0.0.1 a moment later (DNS
 * rebinding) gains nothing. Every hop of a redirect chain opens its own connection, so every hop
 * passes here.
 */
export class AddressGuard {
  constructor(
    readonly policy: AddressPolicy,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  /** Throws {@link PrivateAddressError} when `url`'s host is a literal address the policy refuses. */
  assertLiteralHost(url: URL): void {
    const host = connectHostOf(url);
    if (isIP(host) === 0) return;
    const range = this.policy.refusal(host, host, connectPortOf(url));
    if (range !== undefined) throw new PrivateAddressError(url.href, host, host, range);
  }

  /**
   * A `lookup` for a socket connecting to `url` (got's `dnsLookup`, `http.request`'s `lookup`):
   * resolves the name, refuses the connection with {@link PrivateAddressError} when any address is
   * refused, and hands the checked addresses to the socket.
   */
  lookupFor(url: URL): LookupFunction {
    const port = connectPortOf(url);
    const href = url.href;
    return (hostname, options, callback) => {
      const family = (options.family === 4 || options.family === 6 ? options.family : 0) as 0 | 4 | 6;
      this.resolve(hostname, family).then(
        (found) => {
          const addresses = family === 0 ? found : found.filter((a) => a.family === family);
          if (addresses.length === 0) {
            const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
            return callback(err as NodeJS.ErrnoException, '', 0);
          }
          // One refused address refuses the name: a resolver answering both a public and a private
          // address would otherwise leave the choice of target to the connection attempt order.
          for (const a of addresses) {
            const range = this.policy.refusal(hostname, a.address, port);
            if (range !== undefined) return callback(new PrivateAddressError(href, hostname, a.address, range) as unknown as NodeJS.ErrnoException, '', 0);
          }
          if (options.all) return callback(null, addresses);
          return callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      );
    };
  }
}

/**
 * The guard of one fetcher: its allow-list plus, unless `allowMappedOrigins` is false, the hosts its
 * origin map points at (the map's author chose them, e.g. a local mirror on 127.0.0.1).
 */
export function createAddressGuard(o: {
  allowedPrivateHosts?: readonly string[];
  originMap?: Record<string, string>;
  allowMappedOrigins?: boolean;
  resolveHost?: HostResolver;
}): AddressGuard {
  // A host the allow-list syntax cannot express (odd but valid URL hosts) is simply not allowed.
  const mapped = o.allowMappedOrigins === false ? [] : Object.values(o.originMap ?? {}).map((to) => connectHostOf(new URL(to))).filter((h) => allowListProblem([h]) === undefined);
  return new AddressGuard(new AddressPolicy([...(o.allowedPrivateHosts ?? []), ...mapped]), o.resolveHost);
}
