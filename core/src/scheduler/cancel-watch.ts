import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Looks at a source's row every `intervalMs` while its crawl runs and calls `onDisabled` once when
 * an admin disabled it, from this process or any other. Polling the row needs nothing but the
 * database every worker already has; a few seconds of delay is fine for "stops at its next request".
 */
export function watchSourceEnabled(orm: MikroORM, sourceId: string, onDisabled: () => void, intervalMs: number): { stop(): void } {
  let stopped = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    orm.em.getConnection().execute<{ enabled?: boolean }>('select enabled from data_sources where id = ?', [sourceId], 'get')
      .then((row: { enabled?: boolean } | undefined) => {
        if (!stopped && (!row || row.enabled === false)) {
          stopped = true;
          clearInterval(timer);
          onDisabled();
        }
      })
      // A failed look is tried again next time; the crawl itself reports database trouble.
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
