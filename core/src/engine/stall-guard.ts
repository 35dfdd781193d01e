/**
 * Calls `onStall` when `progress()` has not been called for `timeoutMs`. Real time on purpose: a
 * stall is a plugin awaiting something that never comes, which no fake clock would ever advance.
 */
export class StallGuard {
  private last = Date.now();
  private timer?: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number, private readonly onStall: () => void) {}

  start(): void {
    this.last = Date.now();
    const tick = Math.max(10, Math.min(1000, Math.floor(this.timeoutMs / 4)));
    this.timer = setInterval(() => {
      if (Date.now() - this.last >= this.timeoutMs) {
        this.stop();
        this.onStall();
      }
    }, tick);
    this.timer.unref();
  }

  progress(): void {
    this.last = Date.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
