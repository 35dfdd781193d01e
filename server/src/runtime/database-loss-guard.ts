import type { DatabaseWatch } from '@pathfinder/core';

/** What the guard does with a failure nobody handled. */
export interface DatabaseLossHandlers {
  onRejection(reason: unknown): void;
  onException(error: Error): void;
}

/**
 * The guard's two handlers, apart from `process` (so they can be tested): a failure that says the
 * database cannot be reached goes to `watch`; anything else is written with its stack and `exit(1)`
 * is called, as Node would have done.
 */
export function databaseLossHandlers(watch: DatabaseWatch, write: (line: string) => void, exit: (code: number) => void): DatabaseLossHandlers {
  const fatal = (kind: string, error: unknown) => {
    write(`fatal: ${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exit(1);
  };
  return {
    onRejection: (reason) => {
      if (!watch.report(reason, 'a background task')) fatal('unhandled rejection', reason);
    },
    onException: (error) => {
      if (!watch.report(error, 'a connection')) fatal('uncaught exception', error);
    },
  };
}

/**
 * Keeps a long-running process (`start`, `serve`, `worker`) alive through a lost database. Some
 * promises are not ours to await: pg-boss 10 completes and fails jobs without awaiting the query, so
 * when Postgres goes away mid-job the rejection reaches no one, and Node's default is to exit. A
 * rejection (or an unlistened `error` event) that says the database cannot be reached is reported to
 * `watch` instead (`database lost, waiting for it to come back`, once; `database is back` when a
 * probe reaches it). Anything else is a real bug: it is printed with its stack and the process exits 1,
 * as Node would have.
 *
 * Returns a function that removes the guard.
 */
export function guardAgainstDatabaseLoss(watch: DatabaseWatch, write: (line: string) => void, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const { onRejection, onException } = databaseLossHandlers(watch, write, exit);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
