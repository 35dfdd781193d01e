import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `ms` while `active` (the admin's live run rows: at most every 2 s), and not
 * while the tab is hidden. A tick still running is not started again.
 */
export function usePolling(tick: () => Promise<unknown>, active: boolean, ms = 2000): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let busy = false;
    const timer = window.setInterval(() => {
      if (busy || document.visibilityState === 'hidden') return;
      busy = true;
      void latest.current().catch(() => undefined).finally(() => { busy = false; });
    }, ms);
    return () => window.clearInterval(timer);
  }, [active, ms]);
}
