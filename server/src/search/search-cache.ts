/**
 * A small LRU of promised answers with a time to live (the app wires it to change notifications in
 * `search-cache-service.ts`). Identical searches arriving together share one query (the promise is
 * stored before it settles); a failed query is forgotten at once.
 *
 * Entries are stored when their computation starts, so `clear()` during a computation also drops
 * its answer: a search that began before a change is never kept after hearing of it.
 */
export class SearchCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  /**
   * @param ttlMs how long a new answer lives; may be changed later (existing answers keep theirs).
   */
  constructor(
    public ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
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
    if (hit) this.entries.delete(key);
    const value = compute();
    const entry = { value, expires: t + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** The answer stored under `key` if it is still fresh (settled or not), without computing anything. */
  peek(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit.value : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}
