import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** The path of the first number that is not finite, or undefined. Iterative: a deep body cannot overflow the stack. */
function nonFinitePath(root: unknown): string | undefined {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return path || '/';
    if (depth >= 64 || value === null || typeof value !== 'object') continue;
    for (const [key, v] of Object.entries(value)) stack.push([v, `${path}/${key}`, depth + 1]);
  }
  return undefined;
}

/**
 * Refuses a number that is not finite anywhere in params, query or body with a 400. ajv coerces the
 * query text `Infinity` or `1e999` to a number and then skips `minimum`/`maximum` for non-finite
 * values, and `JSON.parse('1e999')` is `Infinity` too: without this check such a value reached SQL
 * (a 500). Runs after validation, when coerced values are numbers.
 */
export function rejectNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const path = nonFinitePath(value);
      // The same wording and details as a schema violation (the error handler's validation branch).
      if (path !== undefined) throw ApiError.badRequest(`${where}${path} must be a finite number`, [{ path, message: 'must be a finite number' }]);
    }
  });
}
