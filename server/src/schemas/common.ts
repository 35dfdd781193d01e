import { Type, type TSchema } from 'typebox';

/** The error body, referenced by every route's 4xx/5xx responses in the OpenAPI document. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String({ description: 'Stable error code; see docs/errors.md' })),
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
