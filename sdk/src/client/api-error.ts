import type { components } from './api-types.js';

/** The one error body every API error has. */
export type ApiErrorBody = components['schemas']['Error'];
/** Every stable error code the API can answer with (see docs/errors.md). */
export type ApiErrorCode = NonNullable<ApiErrorBody['code']>;

/**
 * An API error answer as an exception: `status`, the stable `code` and the server's message.
 *
 * @example
 * ```ts
 * try { unwrap(await client.GET('/api/v1/users/me')); }
 * catch (e) { if (e instanceof PathfinderApiError && e.code === 'PF_ERR_UNAUTHENTICATED') signIn(); }
 * ```
 */
export class PathfinderApiError extends Error {
  override readonly name = 'PathfinderApiError';
  constructor(readonly status: number, readonly code: ApiErrorCode | undefined, message: string, readonly body?: ApiErrorBody) {
    super(message);
  }
}

function toError(error: unknown, response: Response): PathfinderApiError {
  const body = error && typeof error === 'object' && 'message' in error ? (error as ApiErrorBody) : undefined;
  return new PathfinderApiError(response.status, body?.code, body?.message ?? `HTTP ${response.status}`, body);
}

/**
 * The data of an `openapi-fetch` result, or a thrown {@link PathfinderApiError}.
 *
 * @example
 * ```ts
 * const me = unwrap(await client.GET('/api/v1/users/me'));
 * ```
 */
export function unwrap<D>(result: { data?: D; error?: unknown; response: Response }): D {
  if (result.error !== undefined || !result.response.ok) throw toError(result.error, result.response);
  return result.data as D;
}
