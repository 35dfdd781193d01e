import { describe, expect, it } from 'vitest';
import { SearchCache } from '../../src/search/search-cache.js';
import { DEFAULT_SEARCH_CACHE, searchCacheOf } from '../../src/search/search-cache-service.js';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';

describe('SearchCache', () => {
  it('reuses an answer until its time is up (fake clock)', async () => {
    let now = 1_000;
    const cache = new SearchCache<number>(10_000, 10, () => now);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.getOrCompute('a', compute)).toBe(1);
    now += 9_999;
    expect(await cache.getOrCompute('a', compute)).toBe(1);
    now += 1;
    expect(await cache.getOrCompute('a', compute)).toBe(2);
  });

  it('shares one computation between identical concurrent calls', async () => {
    const cache = new SearchCache<string>(10_000, 10);
    let calls = 0;
    let release!: (v: string) => void;
    const compute = () => { calls++; return new Promise<string>((r) => { release = r; }); };
    const both = Promise.all([cache.getOrCompute('k', compute), cache.getOrCompute('k', compute)]);
    release('x');
    expect(await both).toEqual(['x', 'x']);
    expect(calls).toBe(1);
  });

  it('does not keep an answer whose computation was running when the cache was cleared', async () => {
    const cache = new SearchCache<string>(10_000, 10);
    let release!: (v: string) => void;
    const first = cache.getOrCompute('k', () => new Promise<string>((r) => { release = r; }));
    cache.clear(); // a change was announced while the search ran on the old data
    release('before the change');
    expect(await first).toBe('before the change');
    expect(await cache.getOrCompute('k', async () => 'after the change')).toBe('after the change');
  });

  it('forgets a failed computation at once', async () => {
    const cache = new SearchCache<string>(10_000, 10);
    await expect(cache.getOrCompute('k', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await cache.getOrCompute('k', async () => 'ok')).toBe('ok');
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new SearchCache<string>(10_000, 2);
    await cache.getOrCompute('a', async () => 'a1');
    await cache.getOrCompute('b', async () => 'b1');
    await cache.getOrCompute('a', async () => 'a2'); // touch a
    await cache.getOrCompute('c', async () => 'c1'); // evicts b
    expect(cache.size).toBe(2);
    expect(await cache.getOrCompute('a', async () => 'a3')).toBe('a1');
    expect(await cache.getOrCompute('b', async () => 'b2')).toBe('b2');
  });

  it('keeps the settled answers within a byte budget, least recently used dropped first', async () => {
    const cache = new SearchCache<string>(10_000, 100, Date.now, 10, (answer) => answer.length);
    await cache.getOrCompute('a', async () => 'aaaa');
    await cache.getOrCompute('b', async () => 'bbbb');
    expect(cache.bytes).toBe(8);
    await cache.getOrCompute('a', async () => 'unused'); // touch a
    await cache.getOrCompute('c', async () => 'cccc'); // 12 > 10: b, the least recently used, goes
    expect([cache.size, cache.bytes]).toEqual([2, 8]);
    expect(await cache.getOrCompute('a', async () => 'recomputed')).toBe('aaaa');
    expect(await cache.getOrCompute('b', async () => 'bb')).toBe('bb');
    expect([cache.size, cache.bytes]).toEqual([3, 10]);
    // An answer larger than the whole budget reaches its caller but is not kept, and evicts nothing.
    expect(await cache.getOrCompute('big', async () => 'x'.repeat(11))).toHaveLength(11);
    expect([cache.size, cache.bytes]).toEqual([3, 10]);
    expect(await cache.getOrCompute('big', async () => 'again')).toBe('again');
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});

describe('the search answer cache in the app, without change notifications', () => {
  const t = useTestApp({ services: { searchCache: { listen: false } } });

  it('serves a repeated search from the cache and clears it on job writes through the API', async () => {
    const source = await seedSource(t.app);
    await seedJobs(t.app, source, [posting({ title: 'Cached Co-op One' })]);
    const search = async () => (await t.app.inject('/api/v1/jobs?q=cached')).json().total;
    const body = (await t.app.inject('/api/v1/jobs?q=cached')).body;
    expect(JSON.parse(body).total).toBe(1);
    expect(searchCacheOf(t.app)!.ttlMs).toBe(DEFAULT_SEARCH_CACHE.fallbackTtlSeconds * 1000);
    // Its body counts against the byte budget, under its URL and its query.
    expect(searchCacheOf(t.app)!.bytes).toBe(2 * body.length);
    // Written behind the API's back (as a crawl in a worker would), with nobody listening: the cached answer stays for its TTL.
    await seedJobs(t.app, source, [posting({ title: 'Cached Co-op Two' })]);
    expect(await search()).toBe(1);
    // The same filters in another order are the same search.
    expect((await t.app.inject('/api/v1/jobs?q=cached&province=ON&province=QC')).json().total)
      .toBe((await t.app.inject('/api/v1/jobs?q=cached&province=QC&province=ON')).json().total);
    const employer = await createUserSession(t.app, 'employer');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: employer.headers, payload: { title: 'Cached Co-op Three', originalUrl: 'https://x.example.com/3', description: 'Work.' } });
    expect(res.statusCode).toBe(201);
    expect(await search()).toBe(3);
  });
});

// One app with the default cache (change notifications on) for the rest: each test searches its own words.
describe('the search answer cache in the app, with change notifications (the default)', () => {
  const t = useTestApp();

  it('drops cached answers when another process changes jobs or sources', async () => {
    const source = await seedSource(t.app);
    await seedJobs(t.app, source, [posting({ title: 'Notified Co-op One' })]);
    const search = async () => (await t.app.inject('/api/v1/jobs?q=notified')).json() as { total: number; items: { source: { name: string } }[] };
    expect((await search()).total).toBe(1);
    // Once the listener has heard its own test notification, answers live the long TTL (300 s):
    // from here on only a notification can make a change show up within the polls' 5 s.
    const cache = searchCacheOf(t.app)!;
    await expect.poll(() => cache.ttlMs, { timeout: 5_000 }).toBe(DEFAULT_SEARCH_CACHE.ttlSeconds * 1000);
    expect((await search()).total).toBe(1);

    // A crawl in a worker process: written through its own connection, not this app.
    await seedJobs(t.app, source, [posting({ title: 'Notified Co-op Two' })]);
    await expect.poll(async () => (await search()).total, { timeout: 5_000, interval: 50 }).toBe(2);

    // An archive run behind the API's back.
    await sql(t.app, `update jobs set is_active = false where title = 'Notified Co-op Two'`);
    await expect.poll(async () => (await search()).total, { timeout: 5_000, interval: 50 }).toBe(1);

    // A source renamed by an admin tool: its name is part of every cached item.
    await sql(t.app, `update data_sources set name = 'Renamed Source' where id = ?`, [source.id]);
    await expect.poll(async () => (await search()).items[0]?.source.name, { timeout: 5_000, interval: 50 }).toBe('Renamed Source');
  });

  it('forgets everything when the listening connection drops, and trusts the channel again once it is back', async () => {
    const cache = searchCacheOf(t.app)!;
    await t.app.inject('/api/v1/jobs?q=dropped');
    await expect.poll(() => cache.ttlMs, { timeout: 5_000 }).toBe(DEFAULT_SEARCH_CACHE.ttlSeconds * 1000);
    expect(cache.size).toBeGreaterThan(0);
    await sql(t.app, `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pathfinder-listener' and datname = current_database()`);
    // Notifications sent while it was away are lost: the answers it held cannot be trusted.
    await expect.poll(() => cache.size, { timeout: 5_000 }).toBe(0);
    await expect.poll(() => cache.ttlMs, { timeout: 10_000 }).toBe(DEFAULT_SEARCH_CACHE.ttlSeconds * 1000);
  });

  it('URL fast path: answers a repeated URL with the very same body, and never caches a refusal', async () => {
    const source = await seedSource(t.app);
    await seedJobs(t.app, source, [posting({ title: 'Fast Path Co-op' })]);
    const first = await t.app.inject('/api/v1/jobs?q=fast&province=ON,QC');
    const again = await t.app.inject('/api/v1/jobs?q=fast&province=ON,QC');
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.body).toBe(first.body);
    for (let i = 0; i < 2; i++) {
      const refused = await t.app.inject('/api/v1/jobs?q=fast&limit=500');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('PF_ERR_VALIDATION');
    }
    // An anonymous request may not see archived jobs, cached or not.
    for (let i = 0; i < 2; i++) expect((await t.app.inject('/api/v1/jobs?q=fast&includeArchived=true')).statusCode).toBe(401);
  });

  it('ETags: answers If-None-Match with a bodiless 304 until the jobs change', async () => {
    const source = await seedSource(t.app);
    await seedJobs(t.app, source, [posting({ title: 'Etag Co-op One' })]);
    const first = await t.app.inject('/api/v1/jobs?q=etag');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    for (const url of ['/api/v1/jobs?q=etag', '/api/v1/jobs?q=etag&limit=20']) { // cached by URL, and by query only
      const again = await t.app.inject({ url, headers: { 'if-none-match': `"other", ${etag}` } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    expect((await t.app.inject({ url: '/api/v1/jobs?q=etag', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);

    const employer = await createUserSession(t.app, 'employer');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: employer.headers, payload: { title: 'Etag Co-op Two', originalUrl: 'https://x.example.com/etag', description: 'Work.' } });
    expect(created.statusCode).toBe(201);
    const changed = await t.app.inject({ url: '/api/v1/jobs?q=etag', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().total).toBe(2);
    expect(changed.headers.etag).not.toBe(etag);

    // A signed-in caller's answers are private; POST /jobs/search carries no ETag.
    const signedIn = await t.app.inject({ url: '/api/v1/jobs?q=etag', headers: employer.headers });
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    const posted = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: { q: 'etag' }, headers: { 'if-none-match': changed.headers.etag as string } });
    expect(posted.statusCode).toBe(200);
    expect(posted.headers.etag).toBeUndefined();
  });
});

describe('with the cache turned off', () => {
  const t = useTestApp({ services: { searchCache: false } });

  it('every search reads the database', async () => {
    const source = await seedSource(t.app);
    await seedJobs(t.app, source, [posting({ title: 'Uncached Co-op One' })]);
    const search = async () => (await t.app.inject('/api/v1/jobs?q=uncached')).json().total;
    expect(await search()).toBe(1);
    await seedJobs(t.app, source, [posting({ title: 'Uncached Co-op Two' })]);
    expect(await search()).toBe(2);
  });
});
