/**
 * SDK 1.1 pieces that make an unchanged re-crawl cheap: `ListingPrints` (a listing without dates),
 * `ctx.markSkipped` (a job page that is gone is not asked again) and the fetcher's `robotsStore`
 * (robots.txt kept between fetchers, RFC 9309 §2.4).
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSource, ListingPrints, PoliteFetcher, type RobotsAnswer } from '../../src/index.js';
import { FakeClock, runSource, serveFixtures, type FixtureServer } from '../../src/testing/index.js';

let site: FixtureServer;
beforeAll(async () => {
  site = await serveFixtures(os.tmpdir(), {
    routes: [
      { path: '/robots.txt', text: 'User-agent: *\nDisallow: /private\n', contentType: 'text/plain' },
      { path: '/list', text: JSON.stringify(['1', 'gone']), contentType: 'application/json' },
      { path: '/job/1', text: 'Software developer co-op, Waterloo.', contentType: 'text/plain' },
      { path: '/job/gone', status: 404, text: 'gone', contentType: 'text/plain' },
    ],
  });
});
afterAll(() => site.close());

describe('ListingPrints', () => {
  it('says whether a card reads as in the last run that saved, and forgets the cards no longer listed', () => {
    const state: Record<string, unknown> = {};
    const first = new ListingPrints({ state });
    expect(first.unchanged('1', ['Developer', 'Maple'])).toBe(false);
    expect(first.unchanged('2', ['Analyst', 'Birch'])).toBe(false);
    first.save();
    const second = new ListingPrints({ state });
    expect(second.unchanged('1', ['Developer', 'Maple'])).toBe(true);
    expect(second.unchanged('3', ['Tester', 'Cedar'])).toBe(false);
    second.save();
    expect(Object.keys(state.listingPrints as object)).toEqual(['1', '3']);
    expect(new ListingPrints({ state }).unchanged('1', ['Developer (revised)', 'Maple'])).toBe(false);
  });
});

describe('ctx.markSkipped', () => {
  const source = defineSource({
    id: 'skips', name: 'Skips', version: '1.0.0', sdk: '^1.1.0', baseUrl: 'https://skips.example', crawlDelaySeconds: 1, schedule: '0 * * * *',
    async *crawl(ctx) {
      for (const id of (await ctx.fetch('/list')).json<string[]>()) {
        if (ctx.isFresh(id) && ctx.stillListed(id)) continue;
        const res = await ctx.fetchOptional(`/job/${id}`);
        if (!res) {
          ctx.markSkipped(id, 'job page gone');
          continue;
        }
        yield { title: 'Software Developer Co-op', companyName: 'Maple', externalId: id, originalUrl: `${ctx.baseUrl}/job/${id}`, description: res.text };
      }
    },
  });

  it('remembers a job the source passed over, so the next run does not ask for its page again', async () => {
    const first = await runSource(source, { baseUrl: site.origin, now: '2026-11-21T12:00:00Z' });
    expect(first.error).toBeUndefined();
    expect(first.known.gone).toMatchObject({ skipped: 'job page gone' });
    expect(first.known['1']?.skipped).toBeUndefined();
    const again = await runSource(source, { baseUrl: site.origin, previous: first });
    expect(again.requests.map((r) => new URL(r.url).pathname)).toEqual(['/robots.txt', '/list']);
    expect(again.stillListed).toEqual(['1', 'gone']);
    expect(again.known.gone).toMatchObject({ skipped: 'job page gone' });
  });
});

describe('PoliteFetcher robotsStore', () => {
  it('asks robots.txt once for two fetchers sharing a store, and keeps its rules', async () => {
    const saved = new Map<string, RobotsAnswer>();
    const robotsStore = { get: (u: string) => saved.get(u), put: (u: string, a: RobotsAnswer) => void saved.set(u, a) };
    const make = () => new PoliteFetcher({
      policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock(), robotsStore,
      allowedPrivateHosts: [new URL(site.origin).host],
    });
    const a = make();
    await a.fetch(`${site.origin}/list`);
    expect(a.requests.map((r) => r.kind)).toEqual(['robots', 'page']);
    expect([...saved.keys()]).toEqual([`${site.origin}/robots.txt`]);
    const b = make();
    await b.fetch(`${site.origin}/list`);
    expect(b.requests.map((r) => r.kind)).toEqual(['page']);
    await expect(b.fetch(`${site.origin}/private/x`)).rejects.toMatchObject({ code: 'PF_ERR_DISALLOWED_PATH' });
  });
});
