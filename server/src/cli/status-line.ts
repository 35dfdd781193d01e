import { formatProgressLine, type LiveProgress } from '@pathfinder/core';

/**
 * A live status line at the bottom of a terminal: redrawn in place (carriage return + erase line)
 * on each change, at most every 100 ms, and every second so the countdown and the elapsed time
 * move while the crawl waits out a delay. Other output goes above it through {@link line}.
 */
export class StatusLine {
  private last?: LiveProgress;
  /** Real time the last snapshot arrived: the ticker moves the snapshot's clock on from there. */
  private lastAt = 0;
  private lastDraw = 0;
  private shown = false;
  private stopped = false;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly out: NodeJS.WriteStream) {
    this.ticker = setInterval(() => this.draw(true), 1000);
    this.ticker.unref();
  }

  update(progress: LiveProgress): void {
    this.last = progress;
    this.lastAt = Date.now();
    this.draw(false);
  }

  /** Writes a whole line above the status line. */
  line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
    this.draw(true);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    this.clear();
  }

  private draw(force: boolean): void {
    if (!this.last || this.stopped) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const text = formatProgressLine({ ...this.last, now: this.last.now + (now - this.lastAt) });
    // Never wider than the terminal: a wrapped line could not be erased in place.
    const width = this.out.columns ? this.out.columns - 1 : text.length;
    this.out.write(`\r\x1b[2K${text.slice(0, width)}`);
    this.shown = true;
  }

  private clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
