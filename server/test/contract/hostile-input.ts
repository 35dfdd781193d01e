import fc from 'fast-check';

/**
 * Arbitraries of hostile input for the contract test, derived from an operation's JSON Schemas:
 * values that fit the schema mixed with wrong types, huge and odd unicode strings, NUL characters,
 * unpaired surrogates, non-finite numbers, garbage cursors and deep nesting.
 */

export type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[];
  enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minimum?: number; maximum?: number; minLength?: number; maxLength?: number;
};

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Strings no field should be hurt by. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '🚀', '\u202e\u200b', 'ünïcödé 日本語 한국어', '<script>alert(1)</script>',
    `'"); drop table jobs;--`, '../../etc/passwd', 'Infinity', '-Infinity', '1e999', 'NaN', '-1', '0', '', ' ', '%00', '${7*7}{{7*7}}', 'a & | ! :*',
    'null', 'true', '[]', '{}', '2026-02-30', '9999-12-31T23:59:59+14:00', '1e-324',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: LONE_SURROGATE, minLength: 1, maxLength: 3 }).map((s) => `text ${s} text`),
  fc.constantFrom(1_000, 5_000, 100_000).map((n) => 'a'.repeat(n)),
  fc.constantFrom(300, 2_000).map((n) => 'ü'.repeat(n)),
);

/** A cursor-looking string that is not one we issued. */
export const garbageCursor: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_='.split('')), maxLength: 60 }),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.constantFrom(
    Buffer.from('{"k":[1e999],"id":"x"}').toString('base64url'), Buffer.from('{"r":1e-324,"id":"a"}').toString('base64url'),
    Buffer.from('["\\u0000"]').toString('base64url'), 'eyJ', '....', '%ED%A0%80',
  ),
);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant({ nested: { deeper: [] } }), fc.constant([1, 'x', null]), fc.constant(1e308),
);

/** `levels` of `{ a: … }`. */
export function deep(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value that fits `schema` (as far as cheap generation goes). */
function fitting(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fitting(s, depth)));
  const type = types(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'uri' || schema.format === 'url') return fc.webUrl();
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 200));
        } catch {
          // a pattern fast-check cannot generate from: plain text below
        }
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'integer': return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'number': return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'array': return depth > 4 ? fc.constant([]) : fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
      const required = new Set(schema.required ?? []);
      return fc.record(
        Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, valueFor(s, depth + 1)])),
        { requiredKeys: Object.keys(schema.properties).filter((k) => required.has(k)) },
      );
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly fitting values, often hostile ones: the mix a fuzzer sends. */
export function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fitting(schema, depth), weight: 4 },
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.constant(deep(40)), weight: depth === 0 ? 0 : 1 },
  );
}

/** A query or path value: always text on the wire. */
export function textFor(schema: Schema, name: string): fc.Arbitrary<string> {
  const plain = valueFor(schema).map((v) => (typeof v === 'string' ? v : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return /cursor/i.test(name) ? fc.oneof(plain, garbageCursor, garbageCursor) : plain;
}

/** encodeURIComponent, except that an unpaired surrogate becomes its (invalid) UTF-8-style bytes instead of throwing. */
export function encodePart(text: string): string {
  return text.split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/).map((part, i) => {
    if (i % 2 === 0) return encodeURIComponent(part);
    const c = part.charCodeAt(0);
    return `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
  }).join('');
}

export interface RawBody { payload: string; contentType?: string }

/** Bodies for an operation that reads one: fitting-or-hostile JSON, malformed JSON, other media types, deep and oversized bodies. */
export function bodyFor(schema: Schema | undefined): fc.Arbitrary<RawBody> {
  const json = (v: unknown): RawBody => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' });
  return fc.oneof(
    { arbitrary: valueFor(schema ?? {}).map(json), weight: 8 },
    { arbitrary: fc.constantFrom('{"a":', '{', '[1,', 'nul', '{"a":1}}', '', ' ', '\u0000', '{"__proto__":{"x":1}}').map((payload) => ({ payload, contentType: 'application/json' })), weight: 2 },
    {
      arbitrary: fc.record({
        contentType: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'image/png', 'application/octet-stream', 'application/jsonx'),
        payload: fc.oneof(fc.string({ maxLength: 50 }), fc.constant('token=abc&a=%00')),
      }),
      weight: 2,
    },
    { arbitrary: fc.constant({ payload: '', contentType: undefined }), weight: 1 },
    { arbitrary: fc.constant(json({ config: deep(2_000), a: deep(100) })), weight: 1 },
    { arbitrary: fc.constant(json({ big: 'x'.repeat(1024 * 1024) })), weight: 1 },
  );
}

/** A body sent to an operation that reads none: mostly nothing, sometimes malformed JSON. */
export const strayBody: fc.Arbitrary<RawBody | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom('{"a":', '{}', 'x').map((payload) => ({ payload, contentType: 'application/json' })), weight: 1 },
);
