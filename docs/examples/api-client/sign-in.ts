import { createPathfinderClient, PathfinderApiError, unwrap, type ApiErrorCode } from '@pathfinder/sdk/client';

/** Signs in (with a TOTP code when MFA is on) and returns a client that sends the session token. */
export async function signIn(baseUrl: string, email: string, password: string, totp?: () => string) {
  const anonymous = createPathfinderClient({ baseUrl });
  const login = unwrap(await anonymous.POST('/api/v1/auth/login', { body: { email, password } }));
  let token = login.token;
  if (login.mfaRequired) {
    if (!totp) throw new Error('This account has MFA on: pass a TOTP code.');
    const pending = createPathfinderClient({ baseUrl, token });
    token = unwrap(await pending.POST('/api/v1/auth/mfa/verify', { body: { code: totp() } })).token;
  }
  return createPathfinderClient({ baseUrl, token });
}

/** Saves a job; the error codes are a typed union, so a typo in a code is a compile error. */
export async function saveJob(client: ReturnType<typeof createPathfinderClient>, jobId: string): Promise<'saved' | 'gone' | 'sign-in'> {
  try {
    unwrap(await client.POST('/api/v1/users/me/saved-jobs/{jobId}', { params: { path: { jobId } } }));
    return 'saved';
  } catch (error) {
    if (!(error instanceof PathfinderApiError)) throw error;
    const code: ApiErrorCode | undefined = error.code;
    if (code === 'PF_ERR_NOT_FOUND') return 'gone';
    if (code === 'PF_ERR_UNAUTHENTICATED') return 'sign-in';
    throw error;
  }
}
