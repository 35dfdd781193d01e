interface Entry<T> {
  value: Promise<T>;
  expires: number;
  /** The answer's size once it has settled (0 before): what counts against `maxBytes`. */
  bytes: number;
}

/**
 * A small LRU of promised answers with a time to live (the app wires it to change notifications in
 * `search-cache-service.ts`). Identical searches arriving together share one query (the promise is
 * stored before it settles); a failed query is forgotten at once.
 *
 * Entries are stored when their computation starts, so `clear()` during a computation also drops
 * its answer: a search that began before a change is never kept after hearing of it.
 *
 * Bounded twice: by entries and by the settled answers' total size (`sizeOf`, counted when each
 * answer arrives), least recently used dropped first. An answer larger than the whole budget is
 * still returned to its callers, just not kept.
 */
export class SearchCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private totalBytes = 0;

  /**
   * @param ttlMs how long a new answer lives; may be changed later (existing answers keep theirs).
   * @param maxBytes the most the settled answers may add up to, as measured by `sizeOf`.
   */
  constructor(
    public ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly sizeOf: (value: T) => number = () => 0,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The settled answers' total size, as `sizeOf` measures it. */
  get bytes(): number {
    return this.totalBytes;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** Drops least recently used entries (the Map's first) until both bounds hold. */
  private evict(): void {
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) this.drop(this.entries.keys().next().value as string);
  }

  /** The cached answer for `key`, or `compute()`'s (stored until it expires or is evicted). */
  getOrCompute(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const t = this.now();
    if (hit && hit.expires > t) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    if (hit) this.drop(key);
    const value = compute();
    const entry: Entry<T> = { value, expires: t + this.ttlMs, bytes: 0 };
    this.entries.set(key, entry);
    value.then(
      (answer) => {
        // Only if still stored: a clear() or an eviction meanwhile already let it go.
        if (this.entries.get(key) !== entry) return;
        const bytes = this.sizeOf(answer);
        // Too large to keep at all: dropped alone rather than after everything else.
        if (bytes > this.maxBytes) return void this.entries.delete(key);
        entry.bytes = bytes;
        this.totalBytes += bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key);
      },
    );
    this.evict();
    return value;
  }

  /** The answer stored under `key` if it is still fresh (settled or not), without computing anything. */
  peek(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit.value : undefined;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
