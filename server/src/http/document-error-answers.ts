import type { FastifyInstance, RouteOptions } from 'fastify';
import { ErrorRef } from '../schemas/common.js';

/** Methods whose body Fastify parses: they can also be answered 413 (too large) and 415 (not a type we read). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the door (not the route) can answer, by status: sent by any operation, so documented on each. */
const DOOR_ANSWERS: Record<number, string> = {
  400: 'The request is malformed: a parameter, query or body field is wrong (see `details`), the URL\'s percent-encoding or a path '
    + 'parameter\'s length is invalid, the JSON does not parse, or a string holds a NUL or an unpaired surrogate. `code`: '
    + '`PF_ERR_VALIDATION` or `PF_ERR_MALFORMED_JSON`.',
  413: 'The body is over 1 MB (`PF_ERR_PAYLOAD_TOO_LARGE`).',
  415: 'The body\'s Content-Type is not one the operation reads (`PF_ERR_UNSUPPORTED_MEDIA_TYPE`).',
  500: 'A failure on our side (`PF_ERR_INTERNAL`): a bug, logged with the request id.',
  503: 'The database does not answer (`PF_ERR_DB_UNAVAILABLE`): retry after the `Retry-After` header.',
};

const DESCRIPTIONS: Record<number, string> = {
  401: 'No valid session (`PF_ERR_UNAUTHENTICATED`).',
  403: 'The session\'s role may not do this, or MFA must be turned on first.',
  404: 'Not found (`PF_ERR_NOT_FOUND`).',
  409: 'Conflicts with existing data or a running task.',
  429: 'Too many requests: retry after the `Retry-After` header (`PF_ERR_RATE_LIMITED`).',
};

type ResponseEntry = { $ref?: string; content?: unknown; description?: string } | undefined;

/** The one error body, as JSON, whatever the operation's success answers are (HTML, text…). */
const errorAnswer = (status: number) => ({
  description: DOOR_ANSWERS[status] ?? DESCRIPTIONS[status] ?? 'An error in the common body.',
  content: { 'application/json': { schema: ErrorRef } },
});

/**
 * Documents, when routes are registered, every error an operation can send though its route did not
 * list it: the door's 400/500/503 on every operation, 413/415 on those that take a body. A route's
 * bare `Error` reference is rewritten as explicit `application/json` content, so an operation that
 * produces HTML or text still documents its errors as the JSON body they really are. Must be added
 * before @fastify/swagger, whose own `onRoute` hook reads the result.
 */
export function documentErrorAnswers(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean; response?: Record<string, ResponseEntry> }) | undefined;
    if (!schema || schema.hide) return;
    // A copy: route schemas may be shared constants (a GET and its HEAD share one).
    const response: Record<string, ResponseEntry> = { ...(schema.response ?? {}) };
    for (const [status, entry] of Object.entries(response)) {
      if (Number(status) >= 400 && entry?.$ref === ErrorRef.$ref) response[status] = errorAnswer(Number(status));
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const statuses = [400, 500, 503, ...(methods.some((m) => BODY_METHODS.has(m)) ? [413, 415] : [])];
    for (const status of statuses) response[status] ??= errorAnswer(status);
    route.schema = { ...schema, response };
  });
}
