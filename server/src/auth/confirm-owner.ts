import type { FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IUser } from '@pathfinder/core';
import { ApiError } from '../http/api-error.js';
import { enforceRateLimit, resetAccountLimit } from '../rate-limit/enforce.js';
import { clearPasswordAttempts, takePasswordAttempt } from '../rate-limit/login-backoff.js';
import { recordAccess } from '../audit/access-log.js';
import { verifyPassword } from './password.js';
import { consumeTotp, openForUser } from './mfa-state.js';

/** What the caller sends to prove it is the owner: the current password, or a fresh TOTP code. */
export interface OwnerProof {
  password?: string;
  code?: string;
}

const failed = (message: string, field: string, reason?: string) =>
  new ApiError(403, 'PF_ERR_REAUTH_FAILED', message, { field, ...(reason ? { reason } : {}) });

/**
 * Re-authentication before an irreversible action (ASVS 3.7.1): a stolen session alone must not
 * be enough to delete the account. Accepts the current password (slowed like a sign-in) or, when
 * MFA is on, a fresh code (single use, limited like the MFA routes). Throws 400
 * `PF_ERR_REAUTH_REQUIRED` when neither is sent, 403 `PF_ERR_REAUTH_FAILED` when it is wrong.
 *
 * @example
 * await confirmOwner(request, em, user, request.body ?? {}, 'user.delete');
 */
export async function confirmOwner(request: FastifyRequest, em: EntityManager, user: IUser, proof: OwnerProof, action: string): Promise<'password' | 'totp'> {
  if (proof.password) {
    await enforceRateLimit(request, 'login');
    await takePasswordAttempt(request, user.email);
    if (!(await verifyPassword(user.passwordHash, proof.password))) {
      await recordAccess(request, { action, outcome: 'failure', statusCode: 403, user, details: { reason: 'bad-password' } });
      throw failed('The password is incorrect.', 'password');
    }
    await clearPasswordAttempts(request, user.email);
    return 'password';
  }
  if (proof.code) {
    if (!user.mfaEnabled) throw new ApiError(400, 'PF_ERR_REAUTH_REQUIRED', 'MFA is off for this account: confirm with your current password.', { field: 'password' });
    await enforceRateLimit(request, 'mfa', user.id);
    const key = await openForUser(request.server.ctx.config, user, user.mfaSecret);
    if (!key) throw ApiError.conflict('The stored MFA key cannot be read; confirm with your password instead.');
    const check = await consumeTotp(em, user, key, proof.code);
    if (!check.ok) {
      await recordAccess(request, { action, outcome: 'failure', statusCode: 403, user, details: { reason: `totp-${check.reason}` } });
      throw failed(check.reason === 'replayed' ? 'That code was already used; wait for the next one.' : 'The code is not valid.', 'code', check.reason);
    }
    await resetAccountLimit(request, 'mfa', user.id);
    return 'totp';
  }
  throw new ApiError(
    400,
    'PF_ERR_REAUTH_REQUIRED',
    user.mfaEnabled ? 'Confirm with your current password or a code from your authenticator app.' : 'Confirm with your current password.',
    { field: 'password' },
  );
}
