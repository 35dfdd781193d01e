/**
 * Issue 12 part 6: while a crawl runs, `GET /admin/scrape-logs` shows its live counters (written to
 * the run's row, so any API process sees them); when it ends, they are gone and the counts stay.
 * And a partial run shows its reason. A real crawl, with real delays, of a local fixture server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCrawl, type LoadedPlugin } from '@pathfinder/core';
import { defineSource } from '@pathfinder/sdk';
import { serveFixtures } from '@pathfinder/sdk/testing';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';

const t = useTestApp();
let admin: TestSession;
beforeAll(async () => {
  admin = await createUserSession(t.app, 'admin');
});

interface Progress { requests: number; postings: number; skipped: number; nextRequestAt: string | null; updatedAt: string }
interface Item { id: string; status: string; progress: Progress | null; requests: number; jobsFound: number; partialReason: string | null; partialMessage: string | null }

const logsOf = async (pluginId: string): Promise<Item[]> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/scrape-logs?source=${pluginId}`, headers: admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json().items as Item[];
};

function plugin(id: string, pages: number, crawlDelaySeconds: number): LoadedPlugin {
  const definition = defineSource({
    id, name: `Slow ${id}`, version: '1.0.0', sdk: '^1.1.0', baseUrl: 'https://slow.example', crawlDelaySeconds, schedule: '0 * * * *',
    async *crawl(ctx) {
      for (let n = 1; n <= pages; n++) {
        const job = (await ctx.fetch(`/job/${n}`)).json<{ title: string }>();
        yield {
          title: job.title, companyName: 'Slow Co', originalUrl: `${ctx.baseUrl}/job/${n}`, externalId: String(n),
          description: 'A work term at a slow site.', city: 'Ottawa', province: 'ON',
        };
      }
    },
  });
  return { id, definition, package: { packageName: id, packageVersion: '1.0.0', dir: '/', entry: '/', origin: 'extra' } };
}

describe('GET /admin/scrape-logs during a crawl', () => {
  it('shows the running run\'s live counters, then the final counts without them', async () => {
    const site = await serveFixtures('/nonexistent', {
      routes: [
        { path: '/robots.txt', text: 'User-agent: *\nAllow: /\n' },
        // One posting is a senior role: the pipeline skips it, and the counters say so.
        ...[1, 2, 3, 4, 5].map((n) => ({ path: `/job/${n}`, text: JSON.stringify({ title: n === 2 ? 'Senior Director of Operations' : `Co-op Student ${n}` }), contentType: 'application/json' })),
      ],
    });
    try {
      // Real time: five pages one second apart (the declared crawl delay), the counters written every 100 ms at most.
      const running = runCrawl({ plugin: plugin('slowboard', 5, 1), orm: t.db.orm, baseUrl: site.origin, progressEveryMs: 100 });
      const snapshots: Progress[] = [];
      let finished = false;
      void running.finally(() => {
        finished = true;
      });
      while (!finished) {
        const [item] = await logsOf('slowboard');
        if (item?.status === 'running' && item.progress) snapshots.push(item.progress);
        await new Promise((r) => setTimeout(r, 50));
      }
      const result = await running;
      expect(result.status).toBe('success');

      expect(snapshots.length).toBeGreaterThanOrEqual(3);
      // Counters only grow, and stay within what the run did.
      for (let i = 1; i < snapshots.length; i++) {
        expect(snapshots[i]!.requests).toBeGreaterThanOrEqual(snapshots[i - 1]!.requests);
        expect(snapshots[i]!.postings).toBeGreaterThanOrEqual(snapshots[i - 1]!.postings);
      }
      const last = snapshots.at(-1)!;
      expect(last.requests).toBeGreaterThanOrEqual(3);
      expect(last.requests).toBeLessThanOrEqual(6);
      expect(last.postings).toBeGreaterThanOrEqual(2);
      expect(snapshots.some((s) => s.skipped === 1)).toBe(true);
      // While a request waited out the crawl delay, the counters said when it was due: about a second after they were written.
      const waiting = snapshots.filter((s) => s.nextRequestAt !== null);
      expect(waiting.length).toBeGreaterThan(0);
      for (const s of waiting) {
        const ahead = Date.parse(s.nextRequestAt!) - Date.parse(s.updatedAt);
        expect(ahead).toBeGreaterThan(0);
        expect(ahead).toBeLessThanOrEqual(1000);
      }

      const [done] = await logsOf('slowboard');
      expect(done).toMatchObject({ id: result.runId, status: 'success', progress: null, requests: 6, jobsFound: 5, partialReason: null });
    } finally {
      await site.close();
    }
  }, 30_000);

  it('shows a partial run with its reason', async () => {
    const site = await serveFixtures('/nonexistent', { routes: [{ path: '/robots.txt', text: 'User-agent: *\nAllow: /\n' }] });
    try {
      const result = await runCrawl({ plugin: plugin('emptyboard', 0, 0), orm: t.db.orm, baseUrl: site.origin });
      expect(result.status).toBe('partial');
      const [item] = await logsOf('emptyboard');
      expect(item).toMatchObject({
        id: result.runId, status: 'partial', progress: null, partialReason: 'empty',
        partialMessage: "The run yielded no posting; the source's 0 active jobs were kept",
      });
      const filtered = await t.app.inject({ method: 'GET', url: '/api/v1/admin/scrape-logs?status=partial', headers: admin.headers });
      expect(filtered.json().items.map((i: Item) => i.id)).toContain(result.runId);
    } finally {
      await site.close();
    }
  });
});
