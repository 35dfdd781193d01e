import {
  AbortedError, DisallowedError, PrivateAddressError, RetryableError, isPathfinderError, type FetchResponse, type PoliteFetcher,
} from '@pathfinder/sdk';

/** What one check of one job's original URL found. */
export type LinkOutcome =
  /** The page answered (2xx, or a redirect chain ending in one). */
  | { kind: 'ok'; status: number }
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
export async function checkLink(fetcher: PoliteFetcher, url: string): Promise<LinkOutcome> {
  try {
    let res = await head(fetcher, url);
    if (!res || REFUSED_HEAD.has(res.status) || GONE.has(res.status)) res = await fetcher.fetch(url, { method: 'GET' });
    if (GONE.has(res.status)) return { kind: 'gone', status: res.status as 404 | 410 };
    if (res.status < 400) return { kind: 'ok', status: res.status };
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
