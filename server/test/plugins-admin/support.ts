import { defineSource, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { LoadedPlugin, PluginRegistry } from '@pathfinder/core';

/** An inline plugin (no package on disk) whose crawl the test writes. */
export function inlinePlugin(
  id: string,
  crawl: (ctx: CrawlContext<Record<string, unknown>>) => AsyncIterable<JobPosting>,
  extra: Partial<Parameters<typeof defineSource>[0]> = {},
): LoadedPlugin {
  const definition = defineSource({
    id, name: `Board ${id}`, version: '3.1.0', sdk: '^1.0.0', baseUrl: 'https://board.example.ca',
    crawlDelaySeconds: 0, schedule: '0 5 * * *', crawl, ...extra,
  });
  return { id, definition, package: { packageName: `@test/${id}`, packageVersion: '3.1.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' } };
}

export function registryOf(...plugins: LoadedPlugin[]): PluginRegistry {
  return {
    plugins,
    problems: [],
    get: (id) => plugins.find((p) => p.id === id),
    require: (id) => {
      const plugin = plugins.find((p) => p.id === id);
      if (!plugin) throw new Error(`no plugin ${id}`);
      return plugin;
    },
  };
}

export const posting = (n: number): JobPosting => ({
  title: `Environmental Technician Co-op ${n}`,
  companyName: 'Fundy Water Board',
  originalUrl: `https://board.example.ca/jobs/${n}`,
  externalId: String(n),
  description: `Sampling rivers in New Brunswick (${n}).`,
  city: 'Moncton',
  province: 'NB',
});

/** A promise the test resolves by hand. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Waits until `check` returns a truthy value (workers poll, so outcomes arrive a moment later). The
 * deadline only bounds a broken test; nothing asserts on how long it took.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, deadlineMs = 40_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
