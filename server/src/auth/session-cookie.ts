import type { FastifyReply } from 'fastify';
import type { PathfinderConfig } from '@pathfinder/core';

/** The cookie the site uses; the API accepts it as well as `Authorization: Bearer`. */
export const SESSION_COOKIE = 'pf_session';

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the public URL is https. It lives
 * as long as the session would unused (`expiresAt`), never past its absolute end.
 */
export function setSessionCookie(reply: FastifyReply, config: Pick<PathfinderConfig, 'publicUrl' | 'sessionTtlDays'>, token: string, expiresAt?: Date): void {
  const idleSeconds = config.sessionTtlDays * 24 * 60 * 60;
  const untilExpiry = expiresAt ? Math.ceil((expiresAt.getTime() - Date.now()) / 1000) : idleSeconds;
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: Math.max(0, Math.min(idleSeconds, untilExpiry)),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<PathfinderConfig, 'publicUrl'>): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https:'), path: '/' });
}
