import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError } from '@pathfinder/core';
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
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
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
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'PF_ERR_VALIDATION' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'PF_ERR_VALIDATION' },
  FST_ERR_VALIDATION: { status: 400, code: 'PF_ERR_VALIDATION' },
};

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
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return errorBody(status, error.message, fastifyError.code === 'FST_ERR_RATE_LIMIT' ? 'PF_ERR_RATE_LIMITED' : 'PF_ERR_VALIDATION');
  request.log.error({ err: error }, 'unhandled error');
  return errorBody(500, 'Something went wrong on our side. It has been logged.', 'PF_ERR_INTERNAL');
}

/** Installs the error and not-found handlers: one shape for every failure, 5xx only for bugs. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(error, request);
    if (error instanceof ApiError && error.headers) reply.headers(error.headers);
    void reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`, 'PF_ERR_NOT_FOUND'));
  });
}
