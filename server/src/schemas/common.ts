import { Type, type TSchema } from 'typebox';
import { CoreErrorCodes } from '@pathfinder/core';
import { ErrorCodes } from '@pathfinder/sdk';

/** Every stable error code a response can carry (the engine's and the SDK's), so typed clients get a union. */
export const API_ERROR_CODES = [...new Set([...Object.keys(CoreErrorCodes), ...Object.keys(ErrorCodes)])].sort();

/** The error body, referenced by every route's 4xx/5xx responses in the OpenAPI document. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.Enum(API_ERROR_CODES, { description: 'Stable error code; see docs/errors.md' })),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'Error', title: 'Error' },
);

/** `{ items, nextCursor?, total? }`: every list has this shape so it can grow without breaking clients. */
export const ListOf = <T extends TSchema>(item: T, extra: Record<string, TSchema> = {}) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    total: Type.Optional(Type.Integer()),
    ...extra,
  });

export const ErrorRef = Type.Ref('Error');

/** The error responses most routes can give, for their `response` schema. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorRef])) as Record<number, typeof ErrorRef>;

/** An `{id}` path parameter: ids are CUIDs or plugin ids, so anything else (a NUL byte Postgres would refuse, say) is a 400, never a 500. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
