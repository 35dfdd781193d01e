import pg from 'pg';
import { CoreError } from '../errors/codes.js';

/** How long start-up waits for the database to answer before saying so. */
export const DATABASE_PROBE_TIMEOUT_MS = 10_000;

/** `host:port/database` of a connection URL, without the password. */
function where(url: string, variable: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return variable;
  }
}

/**
 * One round-trip to the database with a deadline, before the ORM's pool is opened. Without it a
 * port that accepts connections but never answers (a firewall, a stopped container's proxy) gave,
 * after 40-odd seconds, knex's "Timeout acquiring a connection. The pool is probably full", which
 * points at the wrong thing. Throws `PF_ERR_DB_UNAVAILABLE` naming the address and what to check.
 *
 * `variable` names the setting the URL came from, in the message.
 *
 * @example
 * await probeDatabase(config.databaseUrl);
 * await probeDatabase(config.databaseReadUrl, { variable: 'DATABASE_READ_URL' });
 */
export async function probeDatabase(
  url: string,
  { timeoutMs = DATABASE_PROBE_TIMEOUT_MS, variable = 'DATABASE_URL' }: { timeoutMs?: number; variable?: string } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as Error).message;
    const silent = /timeout/i.test(reason);
    throw new CoreError('PF_ERR_DB_UNAVAILABLE', silent
      ? `The database at ${where(url, variable)} did not answer within ${timeoutMs / 1000} s: something accepts connections there but it is not answering as Postgres. Check ${variable} (host and port) and that Postgres is running and reachable.`
      : `The database at ${where(url, variable)} could not be reached (${reason}). Check ${variable} and that Postgres is running and reachable.`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
