import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (hasNul(v, depth + 1)) return true;
  return false;
}

/**
 * Refuses a NUL character anywhere in params, query or body with a 400. Postgres cannot store it in
 * text and the driver fails the whole statement on it (a protocol error), so it is stopped at the door.
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
      throw ApiError.badRequest('The request contains a NUL character, which no field accepts.');
    }
  });
}
