/** Node socket errors and Postgres SQLSTATEs that say the server cannot be reached (or is shutting down / starting up). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
/** The same, for errors that lost their code on the way (pg-boss re-emits copies; knex and pg reword some). */
const CONNECTION_MESSAGES = /Timeout acquiring a connection|Connection terminated|Connection ended unexpectedly|connect ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection due to administrator command|Client has encountered a connection error and is not queryable/i;

/**
 * True when `error` (or one of its causes) says the database cannot be reached, as opposed to a
 * query that is wrong: a state to wait out (the API answers 503, a worker waits for the database to
 * come back), not a bug.
 *
 * @example
 * if (isDatabaseUnavailable(error)) await watch.waitUntilBack(signal);
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; constructor?: { name?: string } } | undefined, i = 0; e && i < 8; e = e.cause as typeof e, i++) {
    if (typeof e !== 'object') return false;
    if (e.constructor?.name === 'ConnectionException') return true;
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}
