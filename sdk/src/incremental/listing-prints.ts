import type { CrawlContext } from '../context.js';

/**
 * What a listing showed of each posting, remembered between runs in `ctx.state` (SDK 1.1): for a
 * site whose listing gives no change date, the listing's own fields stand for one. A posting whose
 * card reads as in the last run (title, employer, place…) and that `ctx.isFresh` vouches for need
 * not be re-read; an edit that shows on the card is caught at once, any other after the max age.
 *
 * Call {@link ListingPrints.save} when the whole listing was read (the engine keeps `ctx.state`
 * only after a successful run). Postings no longer listed are forgotten then.
 *
 * @example
 * ```ts
 * const prints = new ListingPrints(ctx);
 * for await (const card of cards) {
 *   const same = prints.unchanged(card.id, [card.title, card.company, card.location]);
 *   if (same && ctx.isFresh(card.id) && ctx.stillListed(card.id)) continue;
 *   yield await readJob(ctx, card);
 * }
 * prints.save();
 * ```
 */
export class ListingPrints {
  private readonly before: Record<string, string>;
  private readonly now: Record<string, string> = {};

  /** `key`: where in `ctx.state` the prints live (default `listingPrints`). */
  constructor(private readonly ctx: Pick<CrawlContext<unknown>, 'state'>, private readonly key = 'listingPrints') {
    const stored = ctx.state[key];
    this.before = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, string>) : {};
  }

  /** Records what the listing shows of `id` now (any JSON value); true when it is what the last run saw. */
  unchanged(id: string, shown: unknown): boolean {
    const print = JSON.stringify(shown);
    this.now[id] = print;
    return this.before[id] === print;
  }

  /** Keeps this run's prints in `ctx.state` (replacing the last run's). */
  save(): void {
    this.ctx.state[this.key] = { ...this.now };
  }
}
