import type { Connection } from '@mikro-orm/core';
import { DEFAULT_MAX_DETAIL_AGE_DAYS, type CrawlMemory, type KnownPosting, type StillListedOptions, type UrlValidators } from '@pathfinder/sdk';
import { loadKnownPostings, settleKnownPostings } from './known-postings.js';
import { loadUrlValidators, saveUrlValidators } from './url-validators.js';

/**
 * The engine's {@link CrawlMemory} for one run of one source: what `ctx.known`, `ctx.stillListed`
 * and conditional fetches see, loaded once from Postgres, and what the run learnt, written back
 * when it ends ({@link SourceMemory.settle}, {@link SourceMemory.saveValidators}).
 */
export class SourceMemory implements CrawlMemory {
  private readonly stillListedIds = new Set<string>();
  private readonly confirmedIds = new Set<string>();
  private readonly received = new Map<string, UrlValidators>();

  private constructor(
    private readonly sourceId: string,
    private readonly postings: Map<string, KnownPosting>,
    private readonly validators: Map<string, UrlValidators>,
    readonly maxDetailAgeMs: number,
  ) {}

  /** Reads what the engine stored for the source. `maxDetailAgeDays`: the engine's override, else the manifest's, else 7. */
  static async load(conn: Connection, sourceId: string, runStartedAt: Date, maxDetailAgeDays = DEFAULT_MAX_DETAIL_AGE_DAYS): Promise<SourceMemory> {
    const maxAgeMs = maxDetailAgeDays * 86_400_000;
    const [postings, validators] = await Promise.all([
      loadKnownPostings(conn, sourceId),
      loadUrlValidators(conn, sourceId, maxAgeMs, runStartedAt),
    ]);
    return new SourceMemory(sourceId, postings, validators, maxAgeMs);
  }

  known(externalId: string): KnownPosting | undefined {
    return this.postings.get(externalId);
  }

  stillListed(externalId: string, o: StillListedOptions = {}): boolean {
    if (!this.postings.has(externalId)) return false;
    this.stillListedIds.add(externalId);
    if (o.confirmed) this.confirmedIds.add(externalId);
    return true;
  }

  validatorsFor(url: string): UrlValidators | undefined {
    return this.validators.get(url);
  }

  recordValidators(url: string, validators: UrlValidators): void {
    this.received.set(url, validators);
  }

  /** After the stream, whatever the outcome: see {@link settleKnownPostings}. Returns the still-listed postings touched. */
  settle(conn: Connection, runStartedAt: Date): Promise<number> {
    return settleKnownPostings(conn, this.sourceId, this.stillListedIds, this.confirmedIds, runStartedAt);
  }

  /** After a complete, successful run only: see {@link saveUrlValidators}. */
  saveValidators(conn: Connection, fetchedAt: Date): Promise<void> {
    return saveUrlValidators(conn, this.sourceId, this.received, fetchedAt);
  }
}
