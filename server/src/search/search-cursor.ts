import { ApiError } from '../http/api-error.js';
import { SEARCH_SORTS, type SearchSort } from './search-filters.js';

/**
 * A keyset position in a sorted result: the sort it belongs to, the last row's sort key (as text,
 * the way the search query printed it) and the last row's id. Opaque to clients (base64url JSON).
 */
export interface SearchCursor {
  sort: SearchSort;
  key: string;
  id: string;
  /**
   * Relevance only: where the ranked window of the first page ended (the newest-order position of
   * its last job, `{key: time, id}`), once a search had more matches than it ranks. Later pages rank
   * the same window and list older matches after it; see `build-search-sql.ts`.
   */
  bound?: { key: string; id: string };
}

// Keys as the search query prints them: a float4 rank (with the posting time), a UTC timestamp with microseconds, or 'infinity'.
const RANK_KEY = /^-?\d{1,20}(\.\d{1,20})?([eE][-+]?\d{1,3})?$/;
const TIME_KEY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(cursor: SearchCursor): string {
  const b = cursor.bound ? { b: [cursor.bound.key, cursor.bound.id] } : {};
  return Buffer.from(JSON.stringify({ s: cursor.sort, k: cursor.key, i: cursor.id, ...b })).toString('base64url');
}

const badCursor = (why: string) => new ApiError(400, 'PF_ERR_BAD_CURSOR', `The cursor is not valid: ${why}. Start again without one.`);

/** A `{key, id}` position in a list ordered by a timestamp then id (admin and employer lists). */
export interface ListCursor {
  key: string;
  id: string;
}

export const encodeListCursor = (c: ListCursor): string => Buffer.from(JSON.stringify({ k: c.key, i: c.id })).toString('base64url');

/** Decodes a list cursor; 400 `PF_ERR_BAD_CURSOR` unless it holds a real time and a plausible id. */
export function decodeListCursor(raw: string): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('it could not be decoded');
  }
  const { k, i } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof k !== 'string' || typeof i !== 'string' || !ID.test(i) || !isTimeKey(k)) throw badCursor('bad position');
  return { key: k, id: i };
}

/**
 * Decodes and checks a cursor completely, so nothing a client forged ever reaches SQL as a value
 * Postgres could refuse (which would be a 500): the key must be a number in float4 range or a real UTC time.
 */
export function decodeCursor(raw: string, sort: SearchSort): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('it could not be decoded');
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor('it could not be decoded');
  const { s, k, i, b } = parsed as Record<string, unknown>;
  if (typeof s !== 'string' || !(SEARCH_SORTS as readonly string[]).includes(s)) throw badCursor('unknown sort');
  if (s !== sort) throw badCursor(`it belongs to sort=${s}, not sort=${sort}`);
  if (typeof i !== 'string' || !ID.test(i)) throw badCursor('bad position');
  if (typeof k !== 'string' || !validKey(s as SearchSort, k)) throw badCursor('bad position');
  if (b === undefined) return { sort: s as SearchSort, key: k, id: i };
  // The bound is a newest-order position: a posting time (never infinite in practice, but printable so) and an id.
  const [bk, bi, ...rest] = Array.isArray(b) ? b as unknown[] : [];
  if (s !== 'relevance' || rest.length || typeof bk !== 'string' || typeof bi !== 'string' || !ID.test(bi) || !(bk === 'infinity' || isTimeKey(bk))) {
    throw badCursor('bad bound');
  }
  return { sort: s as SearchSort, key: k, id: i, bound: { key: bk, id: bi } };
}

// The smallest normal float4: below it (and above zero) `?::real` may refuse the text as an underflow.
const FLOAT4_MIN_NORMAL = 1.1754943508222875e-38;
const FLOAT4_MAX = 3.4028234663852886e38;

/** True when `n` casts to a Postgres `real` without an overflow or underflow error. */
function isFloat4(n: number): boolean {
  const abs = Math.abs(n);
  return Number.isFinite(n) && (n === 0 || (abs >= FLOAT4_MIN_NORMAL && abs <= FLOAT4_MAX));
}

function validKey(sort: SearchSort, key: string): boolean {
  if (sort === 'relevance') {
    // `rank|posted`: relevance ties are broken by the newest.
    const [rank = '', posted = '', ...rest] = key.split('|');
    const n = Number(rank);
    // A zero must be written as one: `1e-324` is 0 to JavaScript but an underflow to Postgres.
    const writtenZero = !/[1-9]/.test(rank.split(/[eE]/)[0]!);
    return rest.length === 0 && RANK_KEY.test(rank) && isFloat4(n) && (n !== 0 || writtenZero) && isTimeKey(posted);
  }
  if (key === 'infinity') return sort === 'deadline';
  return isTimeKey(key);
}

/** SQL printing a timestamptz column as a cursor time key (UTC, microseconds: casts back exactly). */
export const timeKeySql = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** True when `key` is a real UTC time printed by {@link timeKeySql}. */
export function isTimeKey(key: string): boolean {
  const m = TIME_KEY.exec(key);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
    && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === sec;
}
