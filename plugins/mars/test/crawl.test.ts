/**
 * Pagination and failure paths of the crawl, with a scripted ctx.fetch (no HTTP): the cases the
 * recorded fixture site cannot show all at once (count reached, maxPages, a broken API...).
 */
import {
  DisallowedError,
  FatalSourceError,
  RetryableError,
  resolveConfig,
  type CrawlContext,
  type FetchOptions,
  type FetchResponse,
  type HtmlDocument,
  type JobPosting,
} from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import type { MarsConfig } from '../src/config.js';
import { crawlMars } from '../src/crawl.js';
import mars from '../src/index.js';

const SEARCH = 'https://api.getro.com/api/v2/collections/383/search/jobs';
const BASE = 'https://techjobs.marsdd.com';

type Reply = { status: number; body: string } | Error;
interface Call { url: string; options: FetchOptions }

function job(id: number, seniority = 'internship') {
  return { id, slug: `role-${id}`, title: `Role ${id}`, seniority, organization: { name: 'Acme', slug: 'acme' } };
}
const searchReply = (jobs: unknown[], count?: number): Reply =>
  ({ status: 200, body: JSON.stringify({ results: count === undefined ? { jobs } : { jobs, count }, meta: {} }) });
const boardReply = (title: string, text: string): Reply => ({
  status: 200,
  body: `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'JobPosting', title, description: `<p>${text}</p>` })}</script></head></html>`,
});

/** A ctx whose fetch answers search pages by their `page` and board pages by URL. */
function scripted(o: { pages: Reply[]; boards?: Record<string, Reply>; config?: Partial<MarsConfig> }) {
  const calls: Call[] = [];
  const warnings: string[] = [];
  const incomplete: string[] = [];
  const fetch = async (url: string | URL, options: FetchOptions = {}): Promise<FetchResponse> => {
    const u = String(url);
    calls.push({ url: u, options });
    const reply = u.endsWith('/search/jobs')
      ? o.pages[(JSON.parse(options.body ?? '{}') as { page: number }).page] ?? { status: 200, body: '{"results":{"jobs":[]}}' }
      : o.boards?.[u] ?? { status: 404, body: 'Not found' };
    if (reply instanceof Error) throw reply;
    return {
      status: reply.status, ok: reply.status >= 200 && reply.status < 300, url: u, headers: {}, text: reply.body,
      json: <T>() => JSON.parse(reply.body) as T,
      get document(): HtmlDocument { throw new Error('the crawl reads JSON-LD from text'); },
    };
  };
  // The SDK 1.1 members the crawl uses, as the SDK's context behaves with no stored jobs.
  const seen = new Set<string>();
  const fetchOptional = async (url: string | URL, options?: FetchOptions): Promise<FetchResponse | undefined> => {
    try {
      const res = await fetch(url, options);
      return res.status === 404 || res.status === 410 ? undefined : res;
    } catch (e) {
      if (e instanceof DisallowedError) return undefined;
      throw e;
    }
  };
  const ctx = {
    fetch, fetchOptional, baseUrl: BASE,
    once: (key: string) => (seen.has(key) ? false : (seen.add(key), true)),
    known: () => undefined, isFresh: () => false, stillListed: () => false, config: resolveConfig(mars, o.config ?? {}), state: {},
    log: { debug() {}, info() {}, warn: (m: string) => { warnings.push(m); }, error() {} },
    signal: new AbortController().signal, now: () => new Date('2026-02-01T00:00:00Z'),
    markIncomplete: (reason: string) => { incomplete.push(reason); },
  } as unknown as CrawlContext<MarsConfig>;
  return { ctx, calls, warnings, incomplete };
}

async function collect(ctx: CrawlContext<MarsConfig>): Promise<JobPosting[]> {
  const out: JobPosting[] = [];
  for await (const p of crawlMars(ctx)) out.push(p);
  return out;
}
const searchCalls = (calls: Call[]) => calls.filter((c) => c.url === SEARCH);
const pagesAsked = (calls: Call[]) => searchCalls(calls).map((c) => (JSON.parse(c.options.body ?? '') as { page: number }).page);

describe('crawl: the search request', () => {
  it('POSTs JSON with an explicit Accept and the board\'s body, page 0 first', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply([])] });
    await collect(ctx);
    expect(calls).toHaveLength(1);
    const [c] = calls;
    expect(c.options.method).toBe('POST');
    expect(c.options.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
    expect(JSON.parse(c.options.body ?? '')).toEqual({ hitsPerPage: 20, page: 0, query: '', filters: {} });
  });

  it('follows apiOrigin, collectionId and hitsPerPage from the config', async () => {
    const { ctx, calls } = scripted({ pages: [], config: { apiOrigin: 'https://api.example.org/', collectionId: 7, hitsPerPage: 50 } });
    await collect(ctx);
    expect(calls[0].url).toBe('https://api.example.org/api/v2/collections/7/search/jobs');
    expect(JSON.parse(calls[0].options.body ?? '')).toMatchObject({ hitsPerPage: 50 });
  });
});

describe('crawl: pagination', () => {
  it('stops once count jobs were received, without asking for an empty page', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply([job(1), job(2)], 4), searchReply([job(3), job(4)], 4)], config: { fetchDescriptions: false } });
    expect((await collect(ctx)).map((p) => p.externalId)).toEqual(['1', '2', '3', '4']);
    expect(pagesAsked(calls)).toEqual([0, 1]);
  });

  it('does not take a page capped below hitsPerPage for the last one', async () => {
    const page0 = Array.from({ length: 20 }, (_, i) => job(100 + i, 'mid_senior'));
    const { ctx, calls } = scripted({ pages: [searchReply(page0, 22), searchReply([job(1), job(2)], 22)], config: { hitsPerPage: 50, fetchDescriptions: false } });
    expect((await collect(ctx)).map((p) => p.externalId)).toEqual(['1', '2']);
    expect(pagesAsked(calls)).toEqual([0, 1]);
  });

  it('stops on an empty page when the API gives no count', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply([job(1)]), searchReply([job(2)]), searchReply([])], config: { fetchDescriptions: false } });
    expect(await collect(ctx)).toHaveLength(2);
    expect(pagesAsked(calls)).toEqual([0, 1, 2]);
  });

  it('stops at maxPages and says so', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => searchReply([job(i + 1)], 1000));
    const { ctx, calls, warnings, incomplete } = scripted({ pages, config: { maxPages: 3, fetchDescriptions: false } });
    expect(await collect(ctx)).toHaveLength(3);
    expect(pagesAsked(calls)).toEqual([0, 1, 2]);
    expect(warnings.some((w) => /maxPages/.test(w))).toBe(true);
    // The engine must not archive the jobs on the pages not read.
    expect(incomplete).toEqual(['stopped at maxPages (3) before the end of the search results']);
  });

  it('drops a job repeated on the next page', async () => {
    const { ctx } = scripted({ pages: [searchReply([job(1), job(2)], 3), searchReply([job(2), job(3)], 3), searchReply([])], config: { fetchDescriptions: false } });
    expect((await collect(ctx)).map((p) => p.externalId)).toEqual(['1', '2', '3']);
  });

  it('reads every search page before the first board page', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply([job(1)], 2), searchReply([job(2)], 2)] });
    await collect(ctx);
    expect(calls.map((c) => (c.url === SEARCH ? 'search' : 'board'))).toEqual(['search', 'search', 'board', 'board']);
  });
});

describe('crawl: seniority filter', () => {
  const mixed = [job(1, 'internship'), job(2, 'entry'), job(3, 'mid_senior'), job(4, 'director'), job(5), { ...job(6), seniority: undefined }];

  it('keeps internship and entry by default, typed internship and new_grad', async () => {
    const { ctx } = scripted({ pages: [searchReply(mixed, 6)], config: { fetchDescriptions: false } });
    const got = await collect(ctx);
    expect(got.map((p) => [p.externalId, p.jobType])).toEqual([['1', 'internship'], ['2', 'new_grad'], ['5', 'internship']]);
  });

  it('keeps what the config lists, leaving jobType open for other seniorities', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply(mixed, 6)], config: { seniorities: ['mid_senior'] } });
    const got = await collect(ctx);
    expect(got.map((p) => p.externalId)).toEqual(['3']);
    expect(got[0].jobType).toBeUndefined();
    // Dropped jobs cost no board request.
    expect(calls.filter((c) => c.url !== SEARCH).map((c) => c.url)).toEqual([`${BASE}/companies/acme/jobs/3-role-3`]);
  });

  it('skips (and logs) a kept job that lacks what a posting needs', async () => {
    const { ctx, warnings } = scripted({ pages: [searchReply([{ ...job(1), organization: null }, job(2)], 2)], config: { fetchDescriptions: false } });
    expect((await collect(ctx)).map((p) => p.externalId)).toEqual(['2']);
    expect(warnings).toHaveLength(1);
  });
});

describe('crawl: board pages', () => {
  it('adds the JSON-LD description', async () => {
    const { ctx } = scripted({ pages: [searchReply([job(1)], 1)], boards: { [`${BASE}/companies/acme/jobs/1-role-1`]: boardReply('Role 1', 'Hello.') } });
    const [p] = await collect(ctx);
    expect(p.description).toBe('Hello.');
    expect(p.descriptionHtml).toBe('<p>Hello.</p>');
  });

  it('keeps the search data after a 404 and asks for that page only once', async () => {
    const { ctx, calls, warnings } = scripted({ pages: [searchReply([job(1)], 1)] });
    const [p] = await collect(ctx);
    expect(p).toMatchObject({ externalId: '1', title: 'Role 1', description: '' });
    expect(p.descriptionHtml).toBeUndefined();
    expect(calls.filter((c) => c.url !== SEARCH)).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('keeps the search data when robots.txt refuses the board page', async () => {
    const url = `${BASE}/companies/acme/jobs/1-role-1`;
    const { ctx } = scripted({ pages: [searchReply([job(1)], 1)], boards: { [url]: new DisallowedError(url, 'robots', '/companies/') } });
    expect(await collect(ctx)).toMatchObject([{ externalId: '1', description: '' }]);
  });

  it('lets a retryable failure fail the run rather than blank the description', async () => {
    const url = `${BASE}/companies/acme/jobs/1-role-1`;
    const { ctx } = scripted({ pages: [searchReply([job(1)], 1)], boards: { [url]: new RetryableError('503 after retries', { status: 503 }) } });
    await expect(collect(ctx)).rejects.toBeInstanceOf(RetryableError);
  });

  it('fetches no board page when fetchDescriptions is false', async () => {
    const { ctx, calls } = scripted({ pages: [searchReply([job(1), job(2)], 2)], config: { fetchDescriptions: false } });
    expect(await collect(ctx)).toHaveLength(2);
    expect(calls.every((c) => c.url === SEARCH)).toBe(true);
  });
});

describe('crawl: a broken API fails the run', () => {
  it('on a non-2xx search answer, with a stable code', async () => {
    const { ctx } = scripted({ pages: [{ status: 406, body: 'Not Acceptable' }] });
    const err = await collect(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalSourceError);
    expect((err as FatalSourceError).code).toBe('PF_ERR_SOURCE_FATAL');
    expect(String((err as Error).message)).toContain('406');
  });

  it('on a later page too (a quiet stop would archive every unseen job)', async () => {
    const { ctx } = scripted({ pages: [searchReply([job(1)], 5), { status: 400, body: '{}' }], config: { fetchDescriptions: false } });
    await expect(collect(ctx)).rejects.toBeInstanceOf(FatalSourceError);
  });

  it('when a page only repeats earlier results (the API ignored page)', async () => {
    const same = searchReply([job(1), job(2, 'director')], 500);
    const { ctx, calls } = scripted({ pages: [same, same, same], config: { fetchDescriptions: false } });
    const err = await collect(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalSourceError);
    expect(String((err as Error).message)).toContain('repeats');
    expect(pagesAsked(calls)).toEqual([0, 1]);
  });

  it('on an answer without a jobs array', async () => {
    const { ctx } = scripted({ pages: [{ status: 200, body: '{"results":{"hits":[]}}' }] });
    await expect(collect(ctx)).rejects.toBeInstanceOf(FatalSourceError);
  });
});
