import type { Clock } from './clock.js';
import { throwIfAborted } from './clock.js';
import type { DelayCoordinator } from './types.js';

interface HostState {
  /** Requests to one host run one at a time: each waits for the previous one's promise. */
  tail: Promise<void>;
  /** Clock time the last response from this host ended (undefined before the first). */
  lastEndAt?: number;
  /** Nothing may be sent before this (Retry-After). */
  notBefore: number;
}

/**
 * Serialises requests per host and spaces them: a request starts no earlier than
 * `lastEnd + delay` (end of one response to the start of the next). Hosts are independent.
 * All waiting goes through the Clock, so a fake clock never really sleeps.
 */
export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly clock: Clock,
    private readonly coordinator?: DelayCoordinator,
  ) {}

  /**
   * Runs `send` for `host` once it is this request's turn and the gap has passed.
   * `send` returns the clock time its response ended.
   */
  async run<T>(
    host: string,
    delayMs: number,
    send: () => Promise<{ value: T; endedAt: number }>,
    opts: { signal?: AbortSignal; notBefore?: number } = {},
  ): Promise<T> {
    const state = this.state(host);
    const previous = state.tail;
    let done!: () => void;
    state.tail = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      throwIfAborted(opts.signal);
      let sendAt = Math.max(state.notBefore, opts.notBefore ?? 0, state.lastEndAt === undefined ? 0 : state.lastEndAt + delayMs);
      if (this.coordinator) {
        sendAt = Math.max(sendAt, await this.coordinator.reserve(host, delayMs, this.clock.now()));
      }
      // Loop: a clock may wake early (or a fake one exactly on time); never send before sendAt.
      for (let now = this.clock.now(); now < sendAt; now = this.clock.now()) {
        await this.clock.sleep(sendAt - now, opts.signal);
      }
      throwIfAborted(opts.signal);
      let endedAt: number | undefined;
      try {
        const r = await send();
        endedAt = r.endedAt;
        return r.value;
      } catch (e) {
        endedAt = this.clock.now();
        throw e;
      } finally {
        state.lastEndAt = endedAt ?? this.clock.now();
        if (this.coordinator) await this.coordinator.release(host, state.lastEndAt, delayMs);
      }
    } finally {
      done();
    }
  }

  /** Keeps every request to `host` from starting before `untilMs` (a server's Retry-After). */
  deferHost(host: string, untilMs: number): void {
    const state = this.state(host);
    state.notBefore = Math.max(state.notBefore, untilMs);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { tail: Promise.resolve(), notBefore: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }
}
