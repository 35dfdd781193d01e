import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher, type DelayCoordinator } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, site, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('DelayCoordinator', () => {
  it('is asked for a slot before every request and told when each response ended', async () => {
    server = await startServer(site(404));
    const clock = new FakeClock(1_000);
    const calls: string[] = [];
    // Another worker holds the host until t=50 000.
    const coordinator: DelayCoordinator = {
      async reserve(host, delayMs, nowMs) {
        calls.push(`reserve ${host} ${delayMs} ${nowMs}`);
        return 50_000;
      },
      async release(host, endMs, delayMs) {
        calls.push(`release ${host} ${endMs} ${delayMs}`);
      },
    };
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 2, disallowedPaths: [] }, clock, coordinator });
    await fetcher.fetch(`${server.origin}/job`);
    const h = server.host;
    expect(calls).toEqual([
      `reserve ${h} 2000 1000`,
      `release ${h} 50000 2000`,
      `reserve ${h} 2000 50000`,
      `release ${h} 52000 2000`,
    ]);
    expect(fetcher.requests.map((r) => r.startedAt)).toEqual([50_000, 52_000]);
  });
});
