import {
  AbortedError, DisallowedError, PrivateAddressError, RetryableError, gotTransport, isPathfinderError, type FetchResponse, type PoliteFetcher, type Transport,
} from '@pathfinder/sdk';

/** What one check of one job's original URL found. */
export type LinkOutcome =
  /**
   * The page answered (2xx, or a redirect chain ending in one). `finalUrl` is where a redirect took
   * it, when that is another address; `responseMs` is how long the last exchange took.
   */
  | { kind: 'ok'; status: number; finalUrl?: string; responseMs?: number }
  /** 404 or 410: the posting is gone. */
  | { kind: 'gone'; status: 404 | 410 }
  /** The page exists but is not for us to see (401, 403…): not a failure, not proof either. */
  | { kind: 'inconclusive'; status: number }
  /** 5xx after retries, connection refused, timeout, unreachable robots.txt: maybe temporary. */
  | { kind: 'failing'; reason: string }
  /** robots.txt or the source's disallowed paths forbid the URL: not checked. */
  | { kind: 'skipped'; reason: string }
  /**
   * The host is, or resolves to, a loopback/private/link-local address outside the allow-list: no
   * connection was made. Recorded like a failing link (a job seeker cannot open it either), the
   * reason naming the address.
   */
  | { kind: 'refused'; reason: string };

const REFUSED_HEAD = new Set([405, 501]);
const GONE = new Set([404, 410]);

/**
 * Checks one URL through the polite fetcher (robots.txt, disallowed paths, delays all apply):
 * HEAD first, GET when HEAD is refused (405/501). A HEAD answering 404/410 is confirmed with a GET
 * before the job is archived, since some servers mishandle HEAD.
 */
export async function checkLink(fetcher: PoliteFetcher, url: string, timing?: ExchangeTimer): Promise<LinkOutcome> {
  try {
    let res = await head(fetcher, url);
    if (!res || REFUSED_HEAD.has(res.status) || GONE.has(res.status)) res = await fetcher.fetch(url, { method: 'GET' });
    if (GONE.has(res.status)) return { kind: 'gone', status: res.status as 404 | 410 };
    if (res.status < 400) {
      return {
        kind: 'ok', status: res.status,
        ...(sameAddress(res.url, url) ? {} : { finalUrl: res.url }),
        ...(timing?.lastMs === undefined ? {} : { responseMs: timing.lastMs }),
      };
    }
    return { kind: 'inconclusive', status: res.status };
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    if (error instanceof DisallowedError) return { kind: 'skipped', reason: error.message };
    if (error instanceof PrivateAddressError) return { kind: 'refused', reason: `${error.code}: ${error.message}` };
    const code = isPathfinderError(error) ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'failing', reason: code && !message.includes(code) ? `${code}: ${message}` : message };
  }
}

/** HEAD, or undefined when the server refuses the method with 501 (which the fetcher treats as a 5xx). */
async function head(fetcher: PoliteFetcher, url: string): Promise<FetchResponse | undefined> {
  try {
    return await fetcher.fetch(url, { method: 'HEAD' });
  } catch (error) {
    if (error instanceof RetryableError && error.status === 501) return undefined;
    throw error;
  }
}

/** Whether two URLs name the same page (a trailing slash and the fragment aside). */
function sameAddress(a: string, b: string): boolean {
  const canon = (u: string) => {
    try {
      const url = new URL(u);
      url.hash = '';
      return url.href.replace(/\/$/, '');
    } catch {
      return u;
    }
  };
  return canon(a) === canon(b);
}

/** A transport that remembers how long its last exchange took: the server's time, not the politeness wait before it. */
export interface ExchangeTimer {
  transport: Transport;
  lastMs: number | undefined;
}

/** Wraps `inner` (default: the SDK's got transport) to time each exchange, so a slow link can be told from a polite wait. */
export function timedTransport(inner: Transport = gotTransport): ExchangeTimer {
  const timer: ExchangeTimer = {
    lastMs: undefined,
    transport: async (req) => {
      const started = performance.now();
      try {
        return await inner(req);
      } finally {
        timer.lastMs = Math.round(performance.now() - started);
      }
    },
  };
  return timer;
}
