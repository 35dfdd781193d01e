import {
  BlockedError,
  FatalSourceError,
  RetryableError,
  findMatchingRule,
  parseSitemap,
  type CrawlContext,
  type JobPosting,
} from '@pathfinder/sdk';
import { DEFAULT_CONFIG, type CareerEdgeConfig } from './config.js';
import { parsePostingPage } from './parse-posting.js';
import { DISALLOWED_PATHS } from './site.js';
import { compilePattern, selectUrls } from './sitemap-urls.js';

// A sitemap index may (rarely) point at further indexes; never follow more levels than this.
const MAX_SITEMAP_DEPTH = 3;

/**
 * The Career Edge crawl: sitemap → posting URLs → one page each → postings.
 *
 * 1. Fetch `config.sitemapPath` from the base URL. A sitemap index's children are followed when their
 *    path matches `childSitemapPattern`; a plain urlset is read directly.
 * 2. Keep the URLs whose path matches `jobUrlPattern`, rewritten onto `ctx.baseUrl` (the real sitemap
 *    names https://www.careeredge.ca, a mirror must still receive every request), once each, at most
 *    `maxPages` of them.
 * 3. Fetch each posting page and parse it ({@link parsePostingPage}); a page that is gone (404) or
 *    does not parse is logged and skipped. Postings are deduplicated by `externalId`.
 *
 * A missing or broken sitemap fails the run instead of yielding a partial list, because the engine
 * archives every job a successful run did not see.
 *
 * @example
 * ```ts
 * for await (const posting of crawlCareerEdge(ctx)) console.log(posting.title);
 * ```
 */
export async function* crawlCareerEdge(ctx: CrawlContext<CareerEdgeConfig>): AsyncGenerator<JobPosting> {
  const config = withDefaults(ctx.config);
  const childPattern = compilePattern(config.childSitemapPattern, 'childSitemapPattern');
  const jobPattern = compilePattern(config.jobUrlPattern, 'jobUrlPattern');
  const base = ctx.baseUrl.replace(/\/+$/, '');

  const locs = await collectSitemapLocs(ctx, `${base}${config.sitemapPath}`, childPattern, base);
  let pages = selectUrls(locs, jobPattern, base).filter((url) => {
    // The sitemap may leak a back-office preview link; asking for it would already be a violation.
    const rule = findMatchingRule(url, DISALLOWED_PATHS);
    if (rule !== undefined) ctx.log.warn('Disallowed posting URL in the sitemap, skipped', { url, rule });
    return rule === undefined;
  });
  ctx.log.info('Career Edge sitemap read', { sitemapUrls: locs.length, postingPages: pages.length });
  if (config.maxPages !== undefined && pages.length > config.maxPages) {
    ctx.markIncomplete(`read ${config.maxPages} of ${pages.length} posting pages (maxPages)`);
    pages = pages.slice(0, config.maxPages);
  }

  const seen = new Set<string>();
  for (const url of pages) {
    let res;
    try {
      res = await ctx.fetch(url);
    } catch (e) {
      // robots.txt or disallowedPaths refused this one URL: skip it, the rest of the run is fine.
      if (e instanceof BlockedError) {
        ctx.log.warn('Posting page disallowed, skipped', { url, code: e.code });
        continue;
      }
      throw e;
    }
    if (!res.ok) {
      // Usually a posting filled between the sitemap's generation and our visit.
      ctx.log.warn('Posting page not available, skipped', { url, status: res.status });
      continue;
    }
    const parsed = parsePostingPage(res.document, { url: res.url || url, now: ctx.now() });
    if (!parsed.ok) {
      ctx.log.warn('Posting page not parsed, skipped', { url, reason: parsed.reason });
      continue;
    }
    const key = parsed.posting.externalId ?? parsed.posting.originalUrl;
    if (seen.has(key)) {
      ctx.log.debug('Duplicate posting skipped', { url, externalId: key });
      continue;
    }
    seen.add(key);
    yield parsed.posting;
  }
}

/** Every `<loc>` of the sitemap at `url`, following matching child sitemaps of an index. */
async function collectSitemapLocs(
  ctx: CrawlContext<CareerEdgeConfig>,
  rootUrl: string,
  childPattern: RegExp,
  base: string,
): Promise<string[]> {
  const locs: string[] = [];
  const visited = new Set<string>();
  let level = [rootUrl];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= MAX_SITEMAP_DEPTH) {
      ctx.log.warn('Sitemap indexes nested too deep, rest ignored', { sitemaps: level });
      break;
    }
    const next: string[] = [];
    for (const url of level) {
      if (visited.has(url)) continue;
      visited.add(url);
      const sitemap = await fetchSitemap(ctx, url, url === rootUrl);
      if (sitemap.kind === 'urlset') {
        for (const u of sitemap.urls) locs.push(u.loc);
        continue;
      }
      const children = selectUrls(sitemap.urls.map((u) => u.loc), childPattern, base);
      if (children.length === 0 && url === rootUrl) {
        // An index without any job sitemap means the site changed shape: fail rather than archive everything.
        throw new FatalSourceError(`Sitemap index lists no child sitemap matching /${childPattern.source}/: ${url}`, {
          url,
        });
      }
      next.push(...children);
    }
    level = next;
  }
  return locs;
}

async function fetchSitemap(ctx: CrawlContext<CareerEdgeConfig>, url: string, isRoot: boolean) {
  const res = await ctx.fetch(url, { headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.8' } });
  if (!res.ok) {
    const message = `${isRoot ? 'Sitemap' : 'Child sitemap'} answered HTTP ${res.status}: ${url}`;
    // The root missing is a structural change; a child missing is likely a stale index (cache), so try again later.
    if (isRoot) throw new FatalSourceError(message, { url });
    throw new RetryableError(message, { url, status: res.status });
  }
  return parseSitemap(res.text);
}

function withDefaults(raw: Partial<CareerEdgeConfig> | undefined): CareerEdgeConfig {
  const out: CareerEdgeConfig = { ...DEFAULT_CONFIG };
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
