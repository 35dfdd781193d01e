import type { CoreErrorCode } from '@pathfinder/core';

/**
 * An error a route throws on purpose; the error handler turns it into the common body.
 *
 * @example
 * throw ApiError.notFound('Job not found');
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: CoreErrorCode | string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, details?: unknown) {
    return new ApiError(400, 'PF_ERR_VALIDATION', message, details);
  }
  static unauthenticated(message = 'Sign in first.') {
    return new ApiError(401, 'PF_ERR_UNAUTHENTICATED', message);
  }
  static forbidden(message = 'Your role may not do this.') {
    return new ApiError(403, 'PF_ERR_FORBIDDEN', message);
  }
  static notFound(message = 'Not found.') {
    return new ApiError(404, 'PF_ERR_NOT_FOUND', message);
  }
  static conflict(message: string, code: CoreErrorCode | string = 'PF_ERR_CONFLICT') {
    return new ApiError(409, code, message);
  }
  static rateLimited(retryAfterSeconds: number, message = 'Too many attempts. Try again later.') {
    return new ApiError(429, 'PF_ERR_RATE_LIMITED', message, { retryAfterSeconds }, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}
