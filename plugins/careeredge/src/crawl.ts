import {
  DEFAULT_MAX_DETAIL_AGE_DAYS,
  FatalSourceError,
  RetryableError,
  parseSitemap,
  type CrawlContext,
  type FetchResponse,
  type JobPosting,
} from '@pathfinder/sdk';
import type { CareerEdgeConfig } from './config.js';
import { parsePostingPage } from './parse-posting.js';
import { PageMemory, type ListedPage } from './read-pages.js';
import { compilePattern, pageKey, pathMatches, siteOrigins, siteUrl } from './sitemap-urls.js';

// A sitemap index may (rarely) point at further indexes; never follow more levels than this.
const MAX_SITEMAP_DEPTH = 3;

type Ctx = CrawlContext<CareerEdgeConfig>;

/**
 * The Career Edge crawl: sitemap → posting URLs → one page each → postings.
 *
 * 1. Fetch `config.sitemapPath` from the base URL. A sitemap index's children are followed when their
 *    path matches `childSitemapPattern` (not fetched again while the index gives them the `lastmod`
 *    they had when read, within the max age); a plain urlset is read directly.
 * 2. Keep the site's URLs whose path matches `jobUrlPattern`, as the sitemap writes them (a mirror is
 *    the engine's business), once each whatever origin spells them.
 * 3. Skip the pages unchanged since they were last read ({@link PageMemory}: the sitemap's `lastmod`,
 *    the max age), reporting their postings still listed; ask the others conditionally (a 304 confirms
 *    the stored posting), at most `maxPages` of them, and parse them ({@link parsePostingPage}). A page
 *    that is gone, refused or does not parse is logged and skipped. Postings are yielded once per
 *    `externalId`.
 *
 * A missing or broken sitemap fails the run; sitemaps without a posting URL give an empty run (which
 * the engine never lets archive anything).
 *
 * @example
 * ```ts
 * for await (const posting of crawlCareerEdge(ctx)) console.log(posting.title);
 * ```
 */
export async function* crawlCareerEdge(ctx: Ctx): AsyncGenerator<JobPosting> {
  const childPattern = compilePattern(ctx.config.childSitemapPattern, 'childSitemapPattern');
  const jobPattern = compilePattern(ctx.config.jobUrlPattern, 'jobUrlPattern');
  const listed = await listPostingPages(ctx, `${ctx.baseUrl}${ctx.config.sitemapPath}`, childPattern, jobPattern);
  ctx.log.info('Career Edge sitemap read', { postingPages: listed.length });

  const memory = new PageMemory(ctx);
  let fetched = 0;
  for (const page of listed) {
    if (memory.unchanged(page)) continue;
    if (ctx.config.maxPages !== undefined && fetched >= ctx.config.maxPages) {
      ctx.markIncomplete(`read ${ctx.config.maxPages} posting pages (maxPages); more were listed`);
      break;
    }
    fetched++;
    const posting = await readPostingPage(ctx, page, memory);
    if (posting) yield posting;
  }
  memory.save(listed);
}

/** A child sitemap as its index lists it. */
interface SitemapRef {
  url: string;
  lastmod?: string;
}

/** What a child sitemap listed when last read, kept in `ctx.state.sitemaps` under its path. */
interface ReadSitemap {
  lastmod: string;
  readAt: string;
  pages: ListedPage[];
}

const SITEMAP_MAX_AGE_MS = DEFAULT_MAX_DETAIL_AGE_DAYS * 86_400_000;

/**
 * The posting pages of the sitemap at `rootUrl`, following matching child sitemaps of an index.
 * A child whose `lastmod` in the index is the one it had when last read (within the max age) is
 * not fetched again: WordPress moves a child's `lastmod` whenever a posting in it is added, edited
 * or removed, so its remembered pages stand.
 */
async function listPostingPages(ctx: Ctx, rootUrl: string, childPattern: RegExp, jobPattern: RegExp): Promise<ListedPage[]> {
  const pages: ListedPage[] = [];
  const origins = siteOrigins(ctx.baseUrl);
  const before = rememberedSitemaps(ctx.state.sitemaps);
  const now: Record<string, ReadSitemap> = {};
  const add = (entries: ListedPage[]) => {
    for (const page of entries) {
      // Cross-listed in two sitemaps, or under two spellings of the site's origin: one page.
      if (ctx.once(`page ${page.key}`)) pages.push(page);
    }
  };
  let level: SitemapRef[] = [{ url: rootUrl }];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= MAX_SITEMAP_DEPTH) {
      ctx.log.warn('Sitemap indexes nested too deep, rest ignored', { sitemaps: level.map((r) => r.url) });
      break;
    }
    const next: SitemapRef[] = [];
    for (const ref of level) {
      const { url } = ref;
      const key = pageKey(url);
      if (!ctx.once(`sitemap ${key}`)) continue;
      const kept = before[key];
      if (ref.lastmod !== undefined && kept?.lastmod === ref.lastmod && fresh(ctx, kept.readAt)) {
        now[key] = kept;
        add(kept.pages);
        continue;
      }
      const sitemap = await fetchSitemap(ctx, url, url === rootUrl);
      if (sitemap.kind === 'urlset') {
        const listed: ListedPage[] = [];
        for (const entry of sitemap.urls) {
          const loc = siteUrl(entry.loc, url, origins);
          if (!loc || !pathMatches(loc, jobPattern)) continue;
          listed.push({ url: loc, key: pageKey(loc), ...(entry.lastmod ? { lastmod: entry.lastmod } : {}) });
        }
        if (ref.lastmod !== undefined) now[key] = { lastmod: ref.lastmod, readAt: ctx.now().toISOString(), pages: listed };
        add(listed);
        continue;
      }
      const children: SitemapRef[] = [];
      for (const entry of sitemap.urls) {
        const child = siteUrl(entry.loc, url, origins);
        if (child !== undefined && pathMatches(child, childPattern)) children.push({ url: child, ...(entry.lastmod ? { lastmod: entry.lastmod } : {}) });
      }
      if (children.length === 0 && url === rootUrl) {
        // An index without any job sitemap means the site changed shape: fail rather than look empty.
        throw new FatalSourceError(`Sitemap index lists no child sitemap matching /${childPattern.source}/: ${url}`, { url });
      }
      next.push(...children);
    }
    level = next;
  }
  ctx.state.sitemaps = now;
  return pages;
}

function fresh(ctx: Ctx, readAt: string): boolean {
  const age = ctx.now().getTime() - Date.parse(readAt);
  return age >= 0 && age < SITEMAP_MAX_AGE_MS;
}

function rememberedSitemaps(v: unknown): Record<string, ReadSitemap> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, ReadSitemap>) : {};
}

async function fetchSitemap(ctx: Ctx, url: string, isRoot: boolean) {
  const res = await ctx.fetch(url, { headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.8' } });
  if (!res.ok) {
    const message = `${isRoot ? 'Sitemap' : 'Child sitemap'} answered HTTP ${res.status}: ${url}`;
    // The root missing is a structural change; a child missing is likely a stale index (cache), so try again later.
    if (isRoot) throw new FatalSourceError(message, { url });
    throw new RetryableError(message, { url, status: res.status });
  }
  return parseSitemap(res.text);
}

/** Reads one posting page (conditionally); `undefined` when it yields nothing new. */
async function readPostingPage(ctx: Ctx, page: ListedPage, memory: PageMemory): Promise<JobPosting | undefined> {
  const knownId = memory.idOf(page.key);
  let res: FetchResponse | undefined = await ctx.fetchOptional(page.url, { conditional: true });
  if (res?.notModified) {
    if (knownId !== undefined) {
      // As last read. If the engine did not keep that posting then (a senior role), it would not now.
      ctx.stillListed(knownId, { confirmed: true });
      memory.read(page.key, knownId);
      return undefined;
    }
    // Validators without a remembered id (state lost): the id is on the page only, so read it again.
    res = await ctx.fetchOptional(page.url);
  }
  if (!res) {
    // Usually a posting filled between the sitemap's generation and our visit.
    ctx.log.warn('Posting page gone or refused, skipped', { url: page.url });
    memory.read(page.key, undefined);
    return undefined;
  }
  if (!res.ok) {
    ctx.log.warn('Posting page not available, skipped', { url: page.url, status: res.status });
    return undefined;
  }
  const parsed = parsePostingPage(res.document, { url: res.url, now: ctx.now() });
  if (!parsed.ok) {
    ctx.log.warn('Posting page not parsed, skipped', { url: res.url, reason: parsed.reason });
    memory.read(page.key, undefined);
    return undefined;
  }
  const id = parsed.posting.externalId;
  memory.read(page.key, id);
  // The same posting reposted under a second slug.
  if (!ctx.once(`posting ${id ?? parsed.posting.originalUrl}`)) {
    ctx.log.debug('Duplicate posting skipped', { url: res.url, externalId: id });
    return undefined;
  }
  return parsed.posting;
}
