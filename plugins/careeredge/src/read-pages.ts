import { DEFAULT_MAX_DETAIL_AGE_DAYS, type CrawlContext } from '@pathfinder/sdk';

/** What the last runs learnt from one posting page, kept in `ctx.state.pages` under its path. */
export interface ReadPage {
  /** The posting's `externalId` (the JSON-LD identifier, else the slug); unset when the page gave none. */
  id?: string;
  /** When the page was last read in full (ISO). */
  readAt: string;
}

/** A posting URL as the sitemap lists it. */
export interface ListedPage {
  url: string;
  /** The path (and query): the page whatever origin the sitemap spelt it with. */
  key: string;
  lastmod?: string;
}

const MAX_AGE_MS = DEFAULT_MAX_DETAIL_AGE_DAYS * 86_400_000;

/**
 * Which posting pages need reading again. Career Edge's quirk: a posting's id is only on its page
 * (the JSON-LD `identifier`), while the sitemap gives its URL and `lastmod`, so the id each URL
 * gave is remembered in `ctx.state` and the engine is asked about that id.
 *
 * A page is left unread when the engine knows its posting, read it after the sitemap's `lastmod`
 * and within the max age (`ctx.isFresh`): the posting is reported still listed. A page that gave the
 * engine nothing to keep (gone, unparseable, a role the pipeline drops) is left unread on the same
 * terms, judged by when it was last read here, but only while the engine demonstrably remembers this
 * source (it knows one of the postings read before): a dry run or an emptied database reads all.
 *
 * @example
 * ```ts
 * const pages = new PageMemory(ctx);
 * for (const page of listed) if (!pages.unchanged(page)) pages.read(page.key, (await readPosting(page))?.externalId);
 * pages.save(listed);
 * ```
 */
export class PageMemory {
  private readonly before: Record<string, ReadPage>;
  private readonly now: Record<string, ReadPage> = {};
  private engineRemembers?: boolean;

  constructor(private readonly ctx: CrawlContext<unknown>) {
    const stored = ctx.state.pages;
    this.before = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, ReadPage>) : {};
  }

  /** The id the page gave when last read, if any. */
  idOf(key: string): string | undefined {
    return this.before[key]?.id;
  }

  /** True when the page need not be read again (its posting, if the engine keeps it, is reported still listed). */
  unchanged(page: ListedPage): boolean {
    const prev = this.before[page.key];
    if (!prev) return false;
    let fresh: boolean;
    if (prev.id !== undefined && this.ctx.known(prev.id)) fresh = this.ctx.isFresh(prev.id, page.lastmod) && this.ctx.stillListed(prev.id);
    else fresh = this.remembers() && this.readSince(prev.readAt, page.lastmod);
    if (fresh) this.now[page.key] = prev;
    return fresh;
  }

  /** Records a full read of the page (or a 304 confirming it) and the id it gave. */
  read(key: string, id: string | undefined): void {
    this.now[key] = { ...(id !== undefined ? { id } : {}), readAt: this.ctx.now().toISOString() };
  }

  /** Stores what this run learnt; pages listed but not reached (a limit) keep what earlier runs learnt. */
  save(listed: ListedPage[]): void {
    const out: Record<string, ReadPage> = {};
    for (const { key } of listed) {
      const entry = this.now[key] ?? this.before[key];
      if (entry) out[key] = entry;
    }
    this.ctx.state.pages = out;
  }

  private remembers(): boolean {
    this.engineRemembers ??= Object.values(this.before).some((p) => p.id !== undefined && this.ctx.known(p.id) !== undefined);
    return this.engineRemembers;
  }

  private readSince(readAt: string, lastmod: string | undefined): boolean {
    const read = Date.parse(readAt);
    if (!Number.isFinite(read) || this.ctx.now().getTime() - read > MAX_AGE_MS) return false;
    if (lastmod === undefined) return true;
    const changed = Date.parse(lastmod);
    return Number.isFinite(changed) && changed <= read;
  }
}
