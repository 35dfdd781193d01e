/** One side of a mapping: an origin and a path prefix without trailing slash (`''` for the whole origin). */
interface Side {
  origin: string;
  prefix: string;
}

/**
 * Rewrites request URLs onto a mirror, by origin or by path prefix, so a source keeps building the
 * real site's URLs (or following the real site's own absolute links) and still reaches a local
 * mirror. Responses report URLs mapped back, so a plugin keeps working in the URL space it asked for.
 *
 * How an entry `from -> to` maps (both absolute http(s) URLs; a trailing `/`, a query and a
 * fragment on either are ignored):
 * - a URL matches `from` when its origin (scheme, host, port) is `from`'s and its path equals
 *   `from`'s path or continues it at a `/`: `https://site.example/jobs` matches `/jobs`, `/jobs/`,
 *   `/jobs/42` and `/jobs?page=2`, never `/jobsearch`; a `from` without a path matches the whole origin;
 * - the longest matching `from` wins;
 * - the mapped URL is `to`'s origin, then `to`'s path, then the rest of the path after `from`'s
 *   path, then the query: `https://site.example/jobs/42?x=1` -> `http://127.0.0.1:1234/mirror/jobs/42?x=1`
 *   for `{ 'https://site.example/jobs': 'http://127.0.0.1:1234/mirror/jobs' }`; a path equal to
 *   `from`'s maps to `to`'s path (`/` when `to` has none);
 * - {@link OriginMap.revert} applies the same rules from `to` back to `from`; when several entries
 *   share a `to`, the first one declared wins.
 *
 * @example
 * ```ts
 * const map = new OriginMap({ 'https://site.example/jobs': 'http://127.0.0.1:1234/mirror/jobs' });
 * map.apply(new URL('https://site.example/jobs/42')).href;             // 'http://127.0.0.1:1234/mirror/jobs/42'
 * map.apply(new URL('https://site.example/about')).href;               // unchanged: outside the prefix
 * map.revert(new URL('http://127.0.0.1:1234/mirror/jobs?page=2')).href; // 'https://site.example/jobs?page=2'
 * ```
 */
export class OriginMap {
  private readonly pairs: [from: Side, to: Side][];

  constructor(map: Record<string, string> = {}) {
    this.pairs = Object.entries(map).map(([from, to]) => [side(from), side(to)]);
  }

  /** True when no entry is declared. */
  get empty(): boolean {
    return this.pairs.length === 0;
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
    let hit: [Side, Side] | undefined;
    for (const pair of this.pairs) {
      const s = pair[from];
      if (s.origin !== url.origin || !underPrefix(url.pathname, s.prefix)) continue;
      // Longest prefix wins; on a tie the first declared stays.
      if (!hit || s.prefix.length > hit[0].prefix.length) hit = [s, pair[to]];
    }
    if (!hit) return url;
    const [source, target] = hit;
    const rest = url.pathname.slice(source.prefix.length);
    const path = `${target.prefix}${rest}` || '/';
    return new URL(`${target.origin}${path}${url.search}${url.hash}`);
  }
}

function side(u: string): Side {
  const url = new URL(u);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

function underPrefix(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * The origin map that points a source at a mirror: the manifest's `baseUrl` (and its `siteOrigins`,
 * the other origins that serve the same site, e.g. the `http://` one) mapped onto `mirror`, with
 * the path rules of {@link OriginMap}. The engine (`--base-url`) and the test kit (`runSource`'s
 * `baseUrl`) add it, so links to the real site found in pages are fetched from the mirror.
 * Returns `{}` when `mirror` is the site itself.
 *
 * @example
 * ```ts
 * mirrorOriginMap({ baseUrl: 'https://www.civicjobs.ca', siteOrigins: ['http://www.civicjobs.ca'] }, 'http://127.0.0.1:4000');
 * // { 'https://www.civicjobs.ca': 'http://127.0.0.1:4000', 'http://www.civicjobs.ca': 'http://127.0.0.1:4000' }
 * ```
 */
export function mirrorOriginMap(def: { baseUrl: string; siteOrigins?: readonly string[] }, mirror: string): Record<string, string> {
  const target = mirror.replace(/\/+$/, '');
  const base = def.baseUrl.replace(/\/+$/, '');
  if (base === target) return {};
  const path = new URL(base).pathname.replace(/\/+$/, '');
  const out: Record<string, string> = { [base]: target };
  for (const origin of def.siteOrigins ?? []) {
    const key = `${new URL(origin).origin}${path}`;
    if (!(key in out) && key !== target) out[key] = target;
  }
  return out;
}
