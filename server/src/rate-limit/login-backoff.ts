import type { FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiError } from '../http/api-error.js';
import { rulesFor } from './enforce.js';
import type { BackoffRule } from './rules.js';

/**
 * Seconds the next password check must wait after `attempts` unsuccessful ones: nothing for the
 * first `freeAttempts - 1`, then `baseSeconds` doubling per attempt, at most `maxSeconds`.
 *
 * @example
 * backoffSeconds(5, { freeAttempts: 5, baseSeconds: 1, maxSeconds: 900, forgetAfterSeconds: 86400 }); // 1
 * backoffSeconds(10, …); // 32
 */
export function backoffSeconds(attempts: number, rule: BackoffRule): number {
  if (attempts < rule.freeAttempts) return 0;
  // 2^(attempts - free) overflows nothing: the exponent is capped long before it matters.
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(attempts - rule.freeAttempts, 30));
}

/** One account from one client address: the owner's own address has its own row. */
const throttleKey = (email: string, ip: string): string => `${email.trim().toLowerCase()}|${ip}`.slice(0, 400);

interface ThrottleRow {
  attempts: number;
  last_attempt_at: Date | string;
  next_allowed_at: Date | string;
}

/** Takes one attempt, or says how long to wait. Serialised per key by the row lock. */
async function take(em: EntityManager, key: string, rule: BackoffRule, now: Date): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  return em.transactional(async (tx) => {
    await tx.execute('insert into login_throttles (key, attempts, last_attempt_at, next_allowed_at) values (?, 0, ?, ?) on conflict (key) do nothing', [key, now, now]);
    const [row] = await tx.execute<ThrottleRow[]>('select attempts, last_attempt_at, next_allowed_at from login_throttles where key = ? for update', [key]);
    const forgotten = now.getTime() - new Date(row!.last_attempt_at).getTime() >= rule.forgetAfterSeconds * 1000;
    const nextAllowed = new Date(row!.next_allowed_at).getTime();
    if (!forgotten && now.getTime() < nextAllowed) {
      // A refused attempt is not counted: the wait does not grow while the client waits.
      return { allowed: false as const, retryAfterSeconds: Math.ceil((nextAllowed - now.getTime()) / 1000) };
    }
    const attempts = (forgotten ? 0 : row!.attempts) + 1;
    const next = new Date(now.getTime() + backoffSeconds(attempts, rule) * 1000);
    await tx.execute('update login_throttles set attempts = ?, last_attempt_at = ?, next_allowed_at = ? where key = ?', [attempts, now, next, key]);
    return { allowed: true as const };
  });
}

/**
 * Counts a password check on `email` from this client address before it is made; throws 429
 * `PF_ERR_RATE_LIMITED` with `Retry-After` while the growing delay runs. The attempt counts as a
 * failure until `clearPasswordAttempts` says it succeeded, so parallel guesses cannot slip
 * between a check and its failure. Keyed on account *and* address: guesses from elsewhere never
 * delay the owner's own sign-in (no lockout), and no address gets more than a few fast guesses.
 *
 * @example
 * await takePasswordAttempt(request, email);
 * if (await verifyPassword(user.passwordHash, password)) await clearPasswordAttempts(request, email);
 */
export async function takePasswordAttempt(request: FastifyRequest, email: string, now = new Date()): Promise<void> {
  const rule = rulesFor(request).login.backoff;
  const em = request.server.ctx.orm.em.fork();
  const result = await take(em, throttleKey(email, request.ip), rule, now);
  if (Math.random() < 0.01) {
    await em.execute('delete from login_throttles where last_attempt_at < ?', [new Date(now.getTime() - rule.forgetAfterSeconds * 1000)]);
  }
  if (!result.allowed) throw ApiError.rateLimited(result.retryAfterSeconds, 'Too many wrong passwords from this address; wait before trying again.');
}

/** After a right password: this address starts over for this account. */
export async function clearPasswordAttempts(request: FastifyRequest, email: string): Promise<void> {
  await request.server.ctx.orm.em.fork().execute('delete from login_throttles where key = ?', [throttleKey(email, request.ip)]);
}

/** After a password reset (the owner proved they read the mailbox): every address starts over. */
export async function clearAllPasswordAttempts(em: EntityManager, email: string): Promise<void> {
  const prefix = `${email.trim().toLowerCase()}|`;
  await em.execute('delete from login_throttles where left(key, ?) = ?', [prefix.length, prefix]);
}
