import { unwrap } from './api-error.js';

/** A list answer: every list in the API has this shape. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
}

/**
 * Every item of a list, page after page: calls `fetchPage` with `undefined`, then with each
 * `nextCursor`, until there is none. An error answer is thrown as a `PathfinderApiError`.
 *
 * @example
 * ```ts
 * for await (const job of paginate((cursor) => client.GET('/api/v1/jobs', { params: { query: { q: 'nurse', cursor } } }))) {
 *   console.log(job.title);
 * }
 * ```
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ data?: Page<T>; error?: unknown; response: Response }>,
  options: { maxItems?: number } = {},
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  let yielded = 0;
  const max = options.maxItems ?? Number.POSITIVE_INFINITY;
  do {
    const page = unwrap(await fetchPage(cursor));
    for (const item of page.items) {
      if (yielded++ >= max) return;
      yield item;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
