import type { LiveProgress } from './run-progress.js';

/** `m:ss`, or `h:mm:ss` from an hour on. */
function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one-line status of a running crawl, as the CLI redraws it on a terminal:
 * `42 requests · 17 postings · 3 skipped · next request in 5.2 s · 4:05 elapsed`.
 * "next request" shows only while a request waits for its turn (the crawl delay, a Retry-After).
 *
 * @example
 * ```ts
 * formatProgressLine({ requests: 1, postings: 0, skipped: 0, nextRequestAt: 16_000, startedAt: 0, now: 1000 });
 * // '1 request · 0 postings · 0 skipped · next request in 15 s · 0:01 elapsed'
 * ```
 */
export function formatProgressLine(p: LiveProgress): string {
  const parts = [plural(p.requests, 'request'), plural(p.postings, 'posting'), `${p.skipped} skipped`];
  if (p.nextRequestAt !== null) {
    const inMs = Math.max(0, p.nextRequestAt - p.now);
    parts.push(`next request in ${inMs < 10_000 ? (inMs / 1000).toFixed(1).replace(/\.0$/, '') : Math.round(inMs / 1000)} s`);
  }
  parts.push(`${clockDuration(p.now - p.startedAt)} elapsed`);
  return parts.join(' · ');
}
