import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreparedJob } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';
import { prepareSubmitted, type PrepareOrThrowOptions } from './job-input.js';
import type { PrepareReply, PrepareRequest } from './prepare-task.js';

/** Options of {@link PreparePool}. */
export interface PreparePoolOptions {
  /** Threads at most (default: one core fewer than the machine has, at least 1, at most 2). */
  size?: number;
  /** How long one job may take once a thread has it (default 8 s): then the thread is ended. */
  timeoutMs?: number;
  /**
   * How long a thread may wait for work before it is ended (default 30 s). A thread holds the whole
   * pipeline (60–80 MB resident here): kept for good after one long description, it would double
   * an API process's memory for nothing.
   */
  idleMs?: number;
}

interface Task {
  request: Omit<PrepareRequest, 'id'>;
  resolve: (job: PreparedJob) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: { id: number; task: Task; timer: NodeJS.Timeout };
  /** Ends the thread once it has waited `idleMs` for work. */
  idle?: NodeJS.Timeout;
}

const ENTRY = new URL('./prepare-thread.js', import.meta.url);

/**
 * Descriptions up to this many characters (HTML and text together) are prepared inline: the helpers
 * are linear-time and parser work is bounded, so the worst such posting holds the event loop for a
 * few milliseconds (`npm run bench:sanitize`), less than handing it to a thread. Larger ones go to
 * a thread.
 */
export const INLINE_PREPARE_MAX = 2_000;

function descriptionLength(posting: Record<string, unknown>): number {
  const length = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  return length(posting.descriptionHtml) + length(posting.description);
}

/**
 * Prepares submitted jobs (HTML sanitising, text extraction, the pipeline) on worker threads, so a
 * large or hostile description never holds the event loop: `/health` and every other request keep
 * being answered meanwhile. Each job has a time limit; past it the thread is ended (a synchronous
 * regex or parser cannot be interrupted any other way) and the poster gets a 400
 * `PF_ERR_CONTENT_TOO_COMPLEX`. Threads start on first use, end after `idleMs` without work, and do
 * not keep the process alive.
 *
 * @example
 * const job = await preparePool().prepare(posting, { sourceId, now, checkDeadline: true, strictSenior: true });
 */
export class PreparePool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(o: PreparePoolOptions = {}) {
    // Leave a core to the event loop (and the database): the point is that it keeps answering.
    this.size = o.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.timeoutMs = o.timeoutMs ?? 8000;
    this.idleMs = o.idleMs ?? 30_000;
  }

  /** Threads running now (starting ones included). */
  get threads(): number {
    return this.slots.length;
  }

  /**
   * Sanitises and prepares `posting` (off the event loop when its description is longer than
   * {@link INLINE_PREPARE_MAX}); throws what `prepareSubmitted` would.
   */
  async prepare(posting: Record<string, unknown>, options: PrepareOrThrowOptions): Promise<PreparedJob> {
    if (descriptionLength(posting) <= INLINE_PREPARE_MAX) return prepareSubmitted(posting, options);
    return this.onThread(posting, options);
  }

  /** Sanitises and prepares `posting` on a thread, whatever its size. */
  onThread(posting: Record<string, unknown>, options: PrepareOrThrowOptions): Promise<PreparedJob> {
    return new Promise<PreparedJob>((resolve, reject) => {
      this.queue.push({ request: { posting, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the threads now; resolves once one is ready to work (a server may call it at start). */
  warm(): Promise<void> {
    while (this.slots.length < this.size) this.spawn();
    if (this.slots.some((slot) => slot.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Ends every thread; queued and running jobs fail. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new Error('The job preparation pool was closed.'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.idle);
      if (slot.task === undefined) continue;
      clearTimeout(slot.task.timer);
      slot.task.task.reject(new Error('The job preparation pool was closed.'));
      slot.task = undefined;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.task === undefined);
      if (slot === undefined) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const task = this.queue.shift()!;
      const id = this.nextId++;
      clearTimeout(slot.idle);
      slot.idle = undefined;
      const timer = setTimeout(() => this.timeOut(slot), this.timeoutMs);
      slot.task = { id, task, timer };
      slot.worker.postMessage({ id, ...task.request } satisfies PrepareRequest);
    }
  }

  /** Starts `slot`'s idle countdown if it has no work (after it became ready or finished a job). */
  private idleLater(slot: Slot): void {
    if (slot.task !== undefined || slot.idle !== undefined || !this.slots.includes(slot)) return;
    slot.idle = setTimeout(() => {
      slot.idle = undefined;
      const at = this.slots.indexOf(slot);
      if (slot.task !== undefined || at === -1) return;
      // Removed first: its exit then finds nothing to fail (see drop).
      this.slots.splice(at, 1);
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idle.unref();
  }

  private spawn(): void {
    const worker = new Worker(ENTRY);
    // A thread waiting for work must not keep a CLI command or a test process from exiting.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (message: PrepareReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        for (const waiter of this.waiters.splice(0)) waiter.resolve();
        this.dispatch();
        this.idleLater(slot);
        return;
      }
      const running = slot.task;
      if (running === undefined || running.id !== message.id) return;
      clearTimeout(running.timer);
      slot.task = undefined;
      if (message.ok) running.task.resolve(message.job as PreparedJob);
      else if ('apiError' in message) {
        const e = message.apiError;
        running.task.reject(new ApiError(e.statusCode, e.code, e.message, e.details));
      } else running.task.reject(Object.assign(new Error(message.failure.message), { stack: message.failure.stack }));
      this.dispatch();
      this.idleLater(slot);
    });
    worker.on('error', (e) => this.drop(slot, e));
    worker.on('exit', (code) => this.drop(slot, new Error(`The job preparation thread exited (code ${code}).`)));
  }

  private timeOut(slot: Slot): void {
    const seconds = Math.round(this.timeoutMs / 100) / 10;
    void this.end(slot, new ApiError(400, 'PF_ERR_CONTENT_TOO_COMPLEX',
      `Cleaning this job's description took longer than ${seconds} s; simplify its HTML (fewer nested or unclosed tags) and try again.`));
  }

  /** Ends a slot's thread, failing its job with `reason`; a new thread starts when work waits. */
  private async end(slot: Slot, reason: unknown): Promise<void> {
    this.drop(slot, reason);
    await slot.worker.terminate();
  }

  private drop(slot: Slot, reason: unknown): void {
    const at = this.slots.indexOf(slot);
    if (at === -1) return; // already dropped (a terminated thread still reports its exit)
    this.slots.splice(at, 1);
    clearTimeout(slot.idle);
    const running = slot.task;
    slot.task = undefined;
    if (running !== undefined) {
      clearTimeout(running.timer);
      running.task.reject(reason);
    }
    // A thread that failed while starting would fail again: fail the waiting jobs rather than
    // respawn in a loop. Otherwise waiting work gets a fresh thread.
    if (!slot.ready && this.slots.length === 0) {
      for (const task of this.queue.splice(0)) task.reject(reason);
      for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
    } else this.dispatch();
  }
}

let shared: PreparePool | undefined;

/** The process's pool, created on first use. */
export function preparePool(): PreparePool {
  shared ??= new PreparePool();
  return shared;
}
