import { ApiError } from '../../http/api-error.js';

/** An opaque keyset cursor: the (time, id) of the last item of the previous page. */
export function encodeCursor(at: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof id === 'string' && id.length <= 64 && !Number.isNaN(date.getTime())) return { at: date, id };
  } catch {
    // fall through: a cursor we did not make
  }
  throw ApiError.badRequest('The cursor is not valid; use the nextCursor of a previous page.', { field: 'cursor' });
}
