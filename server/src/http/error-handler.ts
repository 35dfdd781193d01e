import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError, isDatabaseUnavailable } from '@pathfinder/core';
import { PathfinderError } from '@pathfinder/sdk';
import { ApiError } from './api-error.js';

/** The one body every 4xx and 5xx has. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 431: 'Request Header Fields Too Large',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export const statusText = (status: number): string => STATUS_TEXT[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

export function errorBody(statusCode: number, message: string, code?: string, details?: unknown): ErrorBody {
  return { statusCode, error: statusText(statusCode), message, ...(code ? { code } : {}), ...(details === undefined ? {} : { details }) };
}

/** Fastify's own client-error codes and what they mean for an API user. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'PF_ERR_MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'PF_ERR_MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'PF_ERR_VALIDATION' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PF_ERR_PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'PF_ERR_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'PF_ERR_VALIDATION' },
  FST_ERR_VALIDATION: { status: 400, code: 'PF_ERR_VALIDATION' },
};

/** Seconds a client is told to wait (Retry-After) while the database does not answer. */
export const DB_RETRY_AFTER_SECONDS = 5;

function toErrorBody(error: FastifyError | Error, request: FastifyRequest): ErrorBody {
  if (error instanceof ApiError || error instanceof CoreError) {
    const status = error.statusCode >= 400 ? error.statusCode : 500;
    if (status < 500) return errorBody(status, error.message, error.code, (error as ApiError).details);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'request';
    return errorBody(400, `${where}${fastifyError.message.startsWith(where) ? fastifyError.message.slice(where.length) : ` ${fastifyError.message}`}`, 'PF_ERR_VALIDATION',
      fastifyError.validation.map((v) => ({ path: v.instancePath || '/', message: v.message, params: v.params })));
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return errorBody(known.status, fastifyError.message, known.code);
  // Database and domain errors mapped once, here, so no route re-invents them.
  const name = error.constructor?.name ?? '';
  if (name === 'UniqueConstraintViolationException') return errorBody(409, 'That value is already taken.', 'PF_ERR_CONFLICT');
  if (name === 'NotFoundError') return errorBody(404, 'Not found.', 'PF_ERR_NOT_FOUND');
  if (name === 'ForeignKeyConstraintViolationException') return errorBody(409, 'A referenced record does not exist or is still in use.', 'PF_ERR_CONFLICT');
  if (error instanceof PathfinderError) return errorBody(400, error.message, error.code);
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'the database does not answer');
    return errorBody(503, 'The database does not answer right now. Retry in a few seconds.', 'PF_ERR_DB_UNAVAILABLE');
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return errorBody(status, error.message, fastifyError.code === 'FST_ERR_RATE_LIMIT' ? 'PF_ERR_RATE_LIMITED' : 'PF_ERR_VALIDATION');
  request.log.error({ err: error }, 'unhandled error');
  return errorBody(500, 'Something went wrong on our side. It has been logged.', 'PF_ERR_INTERNAL');
}

/**
 * Fastify's `frameworkErrors` option: errors the router raises before any route or hook runs (a URL
 * whose percent-encoding is not UTF-8, a path parameter over `maxParamLength`) in the one body. Both
 * are the client's malformed input: a 400 (the parameter's schema says `maxLength`, so not a 414).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? 'A path parameter is longer than any id the API has.'
    : error.code === 'FST_ERR_BAD_URL' ? 'The URL has a malformed percent-encoding (not UTF-8).' : error.message;
  const status = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : 500;
  void reply.status(status).send(errorBody(status, message, status === 400 ? 'PF_ERR_VALIDATION' : 'PF_ERR_INTERNAL'));
}

/** Installs the error and not-found handlers: one shape for every failure, 5xx only for bugs. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(error, request);
    if (error instanceof ApiError && error.headers) reply.headers(error.headers);
    if (body.code === 'PF_ERR_DB_UNAVAILABLE') reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`, 'PF_ERR_NOT_FOUND'));
  });
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (bad request line, headers
 * too large, a request that timed out) is answered in the one body too, then the socket is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? [408, 'The request did not arrive in time.']
    : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'The request headers are too large.'] : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(errorBody(status, message, 'PF_ERR_VALIDATION'));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${statusText(status)}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
