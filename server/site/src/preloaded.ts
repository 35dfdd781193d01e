/**
 * API answers the server asked the browser to fetch ahead (`<link rel="preload" as="fetch">` in the
 * HTML, server/src/site/search-preload.ts): the first search or job starts downloading with the
 * script instead of after it. Each is used once, and only by a request with exactly the same href.
 */
const pending = new Set(
  [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((link) => link.getAttribute('href') ?? ''),
);

/**
 * The preloaded answer for `href` (same-origin API path and query), or null when there is none (or
 * it was used): then the caller makes its own request. A preloaded answer that is not a 2xx also
 * resolves to null, so the caller's own request reports the error as usual.
 *
 * @example
 * const result = (await takePreloaded<JobDetail>(`/api/v1/jobs/${id}`)) ?? unwrap(await api.GET(…));
 */
export function takePreloaded<T>(href: string): Promise<T | null> | null {
  if (!pending.delete(href)) return null;
  // The same mode and credentials as the preload (crossorigin="anonymous"), so the browser reuses it.
  return fetch(href, { credentials: 'same-origin' }).then((res) => (res.ok ? (res.json() as Promise<T>) : null), () => null);
}
