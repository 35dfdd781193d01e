import type { FastifyInstance } from 'fastify';

/** How long `serve`/`start` wait for requests in flight on shutdown before cutting their connections. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Closes the app, waiting for requests in flight at most `deadlineMs`; then every connection still
 * open is destroyed. Without the deadline a client that sends half a body and stalls kept the process
 * alive after SIGTERM until the request timeout (minutes with Node's defaults).
 *
 * @example
 * await closeWithDeadline(app, SHUTDOWN_DEADLINE_MS, log);
 */
export async function closeWithDeadline(app: FastifyInstance, deadlineMs: number, log?: (line: string) => void): Promise<void> {
  const timer = setTimeout(() => {
    log?.(`shutdown: requests still open after ${deadlineMs / 1000} s; closing their connections`);
    app.server.closeAllConnections();
  }, deadlineMs);
  try {
    await app.close();
    // close() can resolve while a connection whose request is still arriving stays open (and keeps
    // the process alive): wait for the last one to end, or for the deadline to cut it.
    while ((await openConnections(app)) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    clearTimeout(timer);
  }
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((error, count) => resolve(error ? 0 : count)));
}
