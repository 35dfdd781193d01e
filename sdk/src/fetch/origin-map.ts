/**
 * Rewrites request origins (e.g. `https://api.getro.com` -> `http://127.0.0.1:9999`) so a source can
 * be pointed at a local mirror without changing its code. Responses report URLs mapped back, so a
 * plugin keeps working in the URL space it asked for.
 */
export class OriginMap {
  private readonly pairs: [from: string, to: string][];

  constructor(map: Record<string, string> = {}) {
    this.pairs = Object.entries(map).map(([from, to]) => [new URL(from).origin, new URL(to).origin]);
  }

  /** The URL to actually request. */
  apply(url: URL): URL {
    return this.swap(url, 0, 1);
  }

  /** The URL as the caller knows it (inverse of `apply`). */
  revert(url: URL): URL {
    return this.swap(url, 1, 0);
  }

  private swap(url: URL, from: 0 | 1, to: 0 | 1): URL {
    const hit = this.pairs.find((p) => p[from] === url.origin);
    if (!hit) return url;
    return new URL(`${hit[to]}${url.pathname}${url.search}${url.hash}`);
  }
}
