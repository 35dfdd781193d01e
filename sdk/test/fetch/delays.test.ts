import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher, type RequestRecord, type Transport } from '../../src/index.js';
import { gotTransport } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, site, startServer, type TestServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(robots: string | number): Promise<TestServer> {
  const s = await startServer(site(robots));
  servers.push(s);
  return s;
}

// A transport whose responses "take" `ms` on the fake clock, like a slow server.
function slow(clock: FakeClock, ms: number): Transport {
  return async (req) => {
    const res = await gotTransport(req);
    clock.advance(ms);
    return res;
  };
}

function gaps(records: RequestRecord[]): number[] {
  return records.slice(1).map((r, i) => r.startedAt - records[i]!.endedAt);
}

describe('crawl delay', () => {
  it('spaces requests to one host by the declared delay, end of response to start of next', async () => {
    const s = await serve(404);
    const clock = new FakeClock(1_000_000);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock, transport: slow(clock, 3_000) });
    for (const p of ['/1', '/2', '/3']) await fetcher.fetch(`${s.origin}${p}`);
    expect(fetcher.requests.map((r) => r.kind)).toEqual(['robots', 'page', 'page', 'page']);
    // Each response took 3 s; the gap after it is still the full 5 s.
    expect(gaps(fetcher.requests)).toEqual([5_000, 5_000, 5_000]);
    expect(fetcher.requests.map((r) => r.endedAt - r.startedAt)).toEqual([3_000, 3_000, 3_000, 3_000]);
    expect(clock.sleeps).toEqual([5_000, 5_000, 5_000]);
  });

  it('uses the robots.txt Crawl-delay when it is larger', async () => {
    const s = await serve('User-agent: *\nCrawl-delay: 12\nDisallow:\n');
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${s.origin}/1`);
    await fetcher.fetch(`${s.origin}/2`);
    expect(gaps(fetcher.requests)).toEqual([12_000, 12_000]);
  });

  it('keeps the declared delay when robots.txt asks for less', async () => {
    const s = await serve('User-agent: *\nCrawl-delay: 1\n');
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${s.origin}/1`);
    await fetcher.fetch(`${s.origin}/2`);
    expect(gaps(fetcher.requests)).toEqual([5_000, 5_000]);
  });

  it('does not wait when enough time has already passed', async () => {
    const s = await serve(404);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${s.origin}/1`);
    clock.advance(60_000);
    const before = clock.sleeps.length;
    await fetcher.fetch(`${s.origin}/2`);
    expect(clock.sleeps.length).toBe(before);
  });

  it('serialises concurrent requests to one host', async () => {
    const s = await serve(404);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 5, disallowedPaths: [] }, clock, transport: slow(clock, 1_000) });
    await Promise.all(['/a', '/b', '/c'].map((p) => fetcher.fetch(`${s.origin}${p}`)));
    const sorted = [...fetcher.requests].sort((a, b) => a.startedAt - b.startedAt);
    for (const g of gaps(sorted)) expect(g).toBeGreaterThanOrEqual(5_000);
  });

  it('keeps hosts independent', async () => {
    const a = await serve(404);
    const b = await serve(404);
    const clock = new FakeClock();
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 10, disallowedPaths: [] }, clock });
    await fetcher.fetch(`${a.origin}/1`);
    const t = clock.now();
    // The first request to another host does not wait for the first host's delay.
    await fetcher.fetch(`${b.origin}/1`);
    const firstOnB = fetcher.requests.find((r) => r.host === b.host)!;
    expect(firstOnB.startedAt).toBe(t);
    for (const host of [a.host, b.host]) {
      for (const g of gaps(fetcher.requests.filter((r) => r.host === host))) expect(g).toBeGreaterThanOrEqual(10_000);
    }
  });

  it('records every request through onRequest', async () => {
    const s = await serve(404);
    const seen: RequestRecord[] = [];
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), onRequest: (r) => seen.push(r) });
    await fetcher.fetch(`${s.origin}/x?y=1`);
    expect(seen).toEqual(fetcher.requests);
    expect(seen[1]).toMatchObject({ url: `${s.origin}/x?y=1`, method: 'GET', host: s.host, status: 200, kind: 'page', attempt: 1 });
  });
});
