import { AbortedError } from '../errors.js';

/**
 * Time as the fetcher sees it. Every wait goes through `sleep`, so tests swap in a fake clock
 * and never really wait.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with AbortedError if `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      if (ms <= 0) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** The error to throw when `signal` has fired: an AbortedError keeping the reason as cause. */
export function abortReason(signal: AbortSignal): AbortedError {
  const r = signal.reason as unknown;
  if (r instanceof AbortedError) return r;
  return new AbortedError('The crawl was aborted', { cause: r });
}

/** Throws AbortedError if `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
