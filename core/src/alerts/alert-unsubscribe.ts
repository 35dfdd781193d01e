import crypto from 'node:crypto';
import type { SqlRunner } from './match-alert.js';

/** The alert an unsubscribe token names. */
export interface TokenAlert {
  id: string;
  name: string;
  active: boolean;
}

/** A token fits the 64-character column and is printable ASCII: anything else cannot name an alert. */
const TOKEN = /^[\x21-\x7e]{1,64}$/;

/**
 * A new unsubscribe token for a `JobAlert`: 256 random bits, URL-safe (43 characters). Whoever
 * holds it can stop the alert (that is the point of a one-click link), so it must be unguessable.
 *
 * @example
 * em.create(JobAlert, { user, name, frequency: 'daily', unsubscribeToken: newUnsubscribeToken() });
 */
export function newUnsubscribeToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * The alert of an unsubscribe token, or null (unknown or malformed token). Reads only.
 *
 * @example
 * const alert = await findAlertByToken(orm.em.fork(), request.query.token);
 */
export async function findAlertByToken(em: SqlRunner, token: string | undefined): Promise<TokenAlert | null> {
  if (!token || !TOKEN.test(token)) return null;
  const [row] = await em.execute<TokenAlert[]>('select id, name, active from job_alerts where unsubscribe_token = ?', [token]);
  return row ?? null;
}

/**
 * Stops the alert of an unsubscribe token at once (RFC 8058 one-click: no login, no second step);
 * null for an unknown token. Idempotent: an alert already stopped stays stopped.
 *
 * @example
 * const alert = await unsubscribeAlert(orm.em.fork(), token); // { id, name, active: false } | null
 */
export async function unsubscribeAlert(em: SqlRunner, token: string | undefined): Promise<TokenAlert | null> {
  if (!token || !TOKEN.test(token)) return null;
  const [row] = await em.execute<TokenAlert[]>(
    `update job_alerts set active = false, updated_at = case when active then now() else updated_at end
      where unsubscribe_token = ? returning id, name, active`,
    [token],
  );
  return row ?? null;
}
