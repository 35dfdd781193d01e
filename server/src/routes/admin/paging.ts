import { Type } from 'typebox';
import { decodeListCursor, encodeListCursor, timeKeySql } from '../../search/search-cursor.js';

/** `limit` and `cursor` of every newest-first list (admin users, access logs, an employer's jobs). */
export const PageQueryFields = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'The `nextCursor` of the previous page.' })),
};

/**
 * Keyset paging newest first on `(timeCol, idCol)`: the condition for rows after the cursor, and the
 * select expression that prints each row's key. A bad cursor is a 400 (see `decodeListCursor`).
 */
export function keysetAfter(cursor: string | undefined, timeCol: string, idCol: string): { sql: string; params: unknown[]; keyColumn: string } {
  const keyColumn = `${timeKeySql(timeCol)} as "cursorKey"`;
  if (!cursor) return { sql: 'true', params: [], keyColumn };
  const c = decodeListCursor(cursor);
  return { sql: `(${timeCol}, ${idCol}) < (?::timestamptz, ?)`, params: [c.key, c.id], keyColumn };
}

/** Cuts the `limit + 1` rows fetched to a page and makes the next cursor from its last row. */
export function toPage<T extends { cursorKey: string; id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  return { rows: page, nextCursor: encodeListCursor({ key: last.cursorKey, id: last.id }) };
}
