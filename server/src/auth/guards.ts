import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { IUser, UserRole } from '@pathfinder/core';
import { ApiError } from '../http/api-error.js';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie.js';
import { changesState, isSameOrigin } from './request-origin.js';
import { validateSessionToken, type ValidSession } from './sessions.js';
import { needsMfaSetup } from './session-policy.js';

/** Who is calling: set by `requireAuth`/`optionalAuth`/`requirePendingMfa`, null when anonymous. */
export interface AuthState {
  user: IUser;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, after one of the auth guards ran (null: anonymous). */
    auth: AuthState | null;
  }
}

type Credential = { token: string; via: 'bearer' | 'cookie' } | { invalid: true } | null;

/** The token from `Authorization: Bearer` (preferred) or the `pf_session` cookie. */
function credentialOf(request: FastifyRequest): Credential {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A malformed Authorization header is an error, not a silent fall-back to the cookie.
    return match ? { token: match[1]!, via: 'bearer' } : { invalid: true };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

interface Resolved {
  found: ValidSession | null;
  /** The credential was a cookie on a state-changing request from another origin. */
  crossSite: boolean;
  /** A credential was presented (even if it turned out invalid). */
  presented: boolean;
}

async function resolveSession(request: FastifyRequest, reply: FastifyReply): Promise<Resolved> {
  const credential = credentialOf(request);
  if (!credential) return { found: null, crossSite: false, presented: false };
  if ('invalid' in credential) return { found: null, crossSite: false, presented: true };
  const { config, orm } = request.server.ctx;
  const crossSite = credential.via === 'cookie' && changesState(request.method) && !isSameOrigin(request, config);
  const found = await validateSessionToken(orm.em.fork(), credential.token, config.sessionTtlDays);
  // The cookie's Max-Age counts from when it was set: renew it with the session, or an active
  // user would lose the cookie ten days after signing in although the session lives on.
  if (found?.refreshed && credential.via === 'cookie' && !crossSite) setSessionCookie(reply, config, credential.token, found.expiresAt);
  return { found, crossSite, presented: true };
}

const CROSS_SITE = 'Cross-site request refused: send it from the site itself or use a Bearer token.';

/** 403 `PF_ERR_MFA_REQUIRED`: an admin or superuser without MFA may only set it up (ASVS 4.3.1). */
export const mfaRequiredError = (): ApiError =>
  new ApiError(403, 'PF_ERR_MFA_REQUIRED', 'Admin and superuser accounts must turn on MFA first: POST /api/v1/auth/mfa/setup, then /auth/mfa/enable.');

function fullSession(found: ValidSession | null, crossSite: boolean): ValidSession {
  if (!found || !found.session.mfaVerified) throw ApiError.unauthenticated();
  if (crossSite) throw ApiError.forbidden(CROSS_SITE);
  return found;
}

/**
 * Requires a full (MFA-verified) session: 401 without one, 403 when a cookie-authenticated
 * state-changing request comes from another origin, 403 `PF_ERR_MFA_REQUIRED` when the caller is
 * an admin or superuser without MFA, 403 when `roles` are given and the user's role is not among
 * them. Afterwards `request.auth` is set.
 *
 * @example
 * app.get('/users/me', { preHandler: requireAuth() }, async (req) => req.auth!.user.email);
 * app.post('/admin/sources', { preHandler: requireAuth('admin') }, handler);
 */
export function requireAuth(...roles: UserRole[]): preHandlerAsyncHookHandler {
  return async function authGuard(request, reply) {
    request.auth = null;
    const { found, crossSite } = await resolveSession(request, reply);
    const { user, session } = fullSession(found, crossSite);
    request.auth = { user, sessionId: session.id };
    if (needsMfaSetup(user)) throw mfaRequiredError();
    if (roles.length > 0 && !roles.includes(user.role)) throw ApiError.forbidden();
  };
}

/**
 * Like `requireAuth()` but lets an admin or superuser without MFA through: only for the routes
 * such an account needs to get out of that state (MFA setup and enable, reading its own account,
 * signing out everywhere).
 */
export const requireAuthBeforeMfa: preHandlerAsyncHookHandler = async function authBeforeMfaGuard(request, reply) {
  request.auth = null;
  const { found, crossSite } = await resolveSession(request, reply);
  const { user, session } = fullSession(found, crossSite);
  request.auth = { user, sessionId: session.id };
};

/**
 * Attaches the caller when a valid full session is presented. A missing, invalid or pending
 * credential, or a cookie on a cross-site state-changing request, runs the request as anonymous.
 * The one refusal: an admin or superuser without MFA gets 403 `PF_ERR_MFA_REQUIRED`, as on every
 * route but MFA setup (a signed-in admin must not use the API before turning MFA on).
 *
 * @example
 * app.get('/jobs', { preHandler: optionalAuth }, async (req) => search({ admin: req.auth?.user.role === 'admin' }));
 */
export const optionalAuth: preHandlerAsyncHookHandler = async function optionalAuthGuard(request, reply) {
  request.auth = null;
  let found: ValidSession | null = null;
  try {
    const resolved = await resolveSession(request, reply);
    if (resolved.found && resolved.found.session.mfaVerified && !resolved.crossSite) found = resolved.found;
  } catch (error) {
    request.log.warn({ err: error }, 'optional auth failed; continuing as anonymous');
  }
  if (!found) return;
  if (needsMfaSetup(found.user)) throw mfaRequiredError();
  request.auth = { user: found.user, sessionId: found.session.id };
};

/**
 * For `POST /auth/mfa/verify` only: requires a pending session (password checked, TOTP not yet).
 * A full session is refused too (there is nothing left to verify).
 */
export const requirePendingMfa: preHandlerAsyncHookHandler = async function pendingMfaGuard(request, reply) {
  request.auth = null;
  const { found, crossSite } = await resolveSession(request, reply);
  if (!found || found.session.mfaVerified) throw ApiError.unauthenticated('Sign in with your password first.');
  if (crossSite) throw ApiError.forbidden(CROSS_SITE);
  request.auth = { user: found.user, sessionId: found.session.id };
};

/**
 * Any valid session, pending or full: for `POST /auth/logout`, so a user who stopped at the TOTP
 * prompt can still end the pending session.
 */
export const requireAnySession: preHandlerAsyncHookHandler = async function anySessionGuard(request, reply) {
  request.auth = null;
  const { found, crossSite } = await resolveSession(request, reply);
  if (!found) throw ApiError.unauthenticated();
  if (crossSite) throw ApiError.forbidden(CROSS_SITE);
  request.auth = { user: found.user, sessionId: found.session.id };
};
