import type { Connection } from '@mikro-orm/core';
import { DEFAULT_MAX_DETAIL_AGE_DAYS, type CrawlMemory, type KnownPosting, type StillListedOptions, type UrlValidators } from '@pathfinder/sdk';
import type { RobotsAnswer, RobotsStore } from '@pathfinder/sdk';
import { loadKnownPostings, settleKnownPostings } from './known-postings.js';
import { loadRobotsFiles, saveRobotsFiles } from './robots-files.js';
import { loadSkippedPostings, saveSkippedPostings } from './skipped-postings.js';
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
  /** Postings read and not kept in this run: id → reason. */
  private readonly skippedNow = new Map<string, string>();
  private readonly robotsFetched = new Map<string, RobotsAnswer>();
  private skippedByPlugin = 0;

  private constructor(
    private readonly sourceId: string,
    private readonly postings: Map<string, KnownPosting>,
    private readonly validators: Map<string, UrlValidators>,
    private readonly robots: Map<string, RobotsAnswer>,
    readonly maxDetailAgeMs: number,
  ) {}

  /** The fetcher's robots.txt store: answers younger than 24 hours, and what this run fetched. */
  readonly robotsStore: RobotsStore = {
    get: (url) => this.robots.get(url),
    put: (url, answer) => {
      this.robots.set(url, answer);
      this.robotsFetched.set(url, answer);
    },
  };

  /** Reads what the engine stored for the source. `maxDetailAgeDays`: the engine's override, else the manifest's, else 7. */
  static async load(conn: Connection, sourceId: string, runStartedAt: Date, maxDetailAgeDays = DEFAULT_MAX_DETAIL_AGE_DAYS): Promise<SourceMemory> {
    const maxAgeMs = maxDetailAgeDays * 86_400_000;
    const [postings, skipped, validators, robots] = await Promise.all([
      loadKnownPostings(conn, sourceId),
      loadSkippedPostings(conn, sourceId),
      loadUrlValidators(conn, sourceId, maxAgeMs, runStartedAt),
      loadRobotsFiles(conn, runStartedAt),
    ]);
    // A stored job wins over an old skip of the same id.
    for (const [id, k] of skipped) if (!postings.has(id)) postings.set(id, k);
    return new SourceMemory(sourceId, postings, validators, robots, maxAgeMs);
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

  /** The plugin passed a posting over (`ctx.markSkipped`): counted skipped when the run settles. */
  markSkipped(externalId: string, reason: string): void {
    if (!this.skippedNow.has(externalId)) this.skippedByPlugin++;
    this.skippedNow.set(externalId, reason);
  }

  /** The pipeline dropped a yielded posting (already counted found and skipped by the stream). */
  dropped(externalId: string, reason: string): void {
    this.skippedNow.set(externalId, reason);
  }

  /**
   * After the stream, whatever the outcome: see {@link settleKnownPostings}; also stores the
   * robots.txt answers fetched. `listed`: the stored jobs touched (found, unchanged);
   * `listedSkipped`: known skipped postings reported still listed (skipped only: nothing yielded);
   * `markedSkipped`: postings the plugin passed over with `ctx.markSkipped` (skipped only: never yielded).
   */
  async settle(conn: Connection, runStartedAt: Date): Promise<{ listed: number; listedSkipped: number; markedSkipped: number }> {
    const jobIds = [...this.stillListedIds].filter((id) => this.postings.get(id)?.skipped === undefined);
    const listed = await settleKnownPostings(conn, this.sourceId, jobIds, this.confirmedIds, runStartedAt);
    await saveRobotsFiles(conn, this.robotsFetched, runStartedAt);
    return { listed, listedSkipped: this.stillListedSkipped().length, markedSkipped: this.skippedByPlugin };
  }

  /** Ids of known skipped postings reported still listed and not read again in this run. */
  private stillListedSkipped(): string[] {
    return [...this.stillListedIds].filter((id) => this.postings.get(id)?.skipped !== undefined && !this.skippedNow.has(id));
  }

  /** After a complete, successful run only: see {@link saveUrlValidators} and {@link saveSkippedPostings}. */
  async saveAfterSuccess(conn: Connection, fetchedAt: Date): Promise<void> {
    await saveUrlValidators(conn, this.sourceId, this.received, fetchedAt);
    await saveSkippedPostings(conn, this.sourceId, this.skippedNow, this.stillListedSkipped(), this.confirmedIds, fetchedAt);
  }
}
