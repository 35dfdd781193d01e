import { defineSource, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { LoadedPlugin, PluginRegistry } from '../../src/engine/plugin-registry.js';

/** An inline plugin (no package on disk) whose crawl the test writes. */
export function inlinePlugin(
  id: string,
  crawl: (ctx: CrawlContext<Record<string, unknown>>) => AsyncIterable<JobPosting>,
  extra: { schedule?: string; baseUrl?: string; crawlDelaySeconds?: number } = {},
): LoadedPlugin {
  const definition = defineSource({
    id, name: `Test ${id}`, version: '2.0.0', sdk: '^1.0.0', baseUrl: extra.baseUrl ?? 'https://jobs.example.ca',
    crawlDelaySeconds: extra.crawlDelaySeconds ?? 0, schedule: extra.schedule ?? '0 */6 * * *',
    crawl,
  });
  return { id, definition, package: { packageName: `@test/${id}`, packageVersion: '2.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' } };
}

/** A registry of the given plugins (what loadPlugins returns, without discovery). */
export function registryOf(...plugins: LoadedPlugin[]): Pick<PluginRegistry, 'plugins' | 'get'> {
  return { plugins, get: (id) => plugins.find((p) => p.id === id) };
}

export const posting = (n: number, extra: Partial<JobPosting> = {}): JobPosting => ({
  title: `Data Analyst Co-op ${n}`,
  companyName: 'Prairie Analytics',
  originalUrl: `https://jobs.example.ca/jobs/${n}`,
  externalId: String(n),
  description: `A work term (${n}) analysing grain prices in Regina.`,
  city: 'Regina',
  province: 'SK',
  ...extra,
});

/** A promise the test resolves by hand. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Waits until `check` returns a truthy value (pg-boss workers poll, so outcomes arrive a moment
 * later). The deadline only bounds a broken test; nothing asserts on how long it took.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, deadlineMs = 25_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
