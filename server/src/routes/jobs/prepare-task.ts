import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../http/api-error.js';
import { prepareSubmitted, type PrepareOrThrowOptions } from './job-input.js';

/** A job to prepare, as the pool posts it to the thread. */
export interface PrepareRequest {
  id: number;
  posting: Record<string, unknown>;
  options: PrepareOrThrowOptions;
}

/** The thread's answer: the prepared job, an ApiError's fields, or an unexpected failure. */
export type PrepareReply =
  | { id: number; ok: true; job: unknown }
  | { id: number; ok: false; apiError: { statusCode: number; code: string; message: string; details?: unknown } }
  | { id: number; ok: false; failure: { message: string; stack?: string } };

function answer(request: PrepareRequest): PrepareReply {
  try {
    return { id: request.id, ok: true, job: prepareSubmitted(request.posting, request.options) };
  } catch (e) {
    if (e instanceof ApiError) {
      return { id: request.id, ok: false, apiError: { statusCode: e.statusCode, code: e.code, message: e.message, details: e.details } };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    return { id: request.id, ok: false, failure: { message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (request: PrepareRequest) => port.postMessage(answer(request)));
  // Imports are done: the pool starts its clock only from here, so a cold start is not a timeout.
  port.postMessage({ ready: true });
}
