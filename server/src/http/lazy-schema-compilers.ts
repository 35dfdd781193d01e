import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type AnyFn = (...args: unknown[]) => unknown;
type Factory = (externalSchemas: unknown, options: unknown) => (route: Record<string, unknown>) => AnyFn;

// Fastify's own default compiler factories (Ajv and fast-json-stringify), resolved from Fastify's
// folder: the very ones it would build itself, without depending on them here.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const defaultValidatorFactory = (fromFastify('@fastify/ajv-compiler') as () => Factory)();
const defaultSerializerFactory = (fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory)();

/**
 * A function that compiles `compile()`'s result on its first call and forwards to it. Ajv's
 * `errors` (set after each call) and `schemaEnv` (Fastify passes the parent object when it is
 * there, so a root value can be coerced) are read through from the compiled function.
 */
function compiledOnFirstUse(compile: () => AnyFn): AnyFn {
  let compiled: AnyFn | undefined;
  const get = () => (compiled ??= compile());
  const lazy = function (this: unknown, ...args: unknown[]) {
    return get().apply(this, args);
  };
  for (const key of ['errors', 'schemaEnv'] as const) {
    Object.defineProperty(lazy, key, { get: () => (get() as unknown as Record<string, unknown>)[key], configurable: true });
  }
  return lazy;
}

/** Fastify lower-cases a header schema's property names for its default compiler, not for a custom one: done here. */
function lowerCaseHeaders(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as { properties?: Record<string, unknown>; required?: string[] };
  return {
    ...s,
    ...(s.properties && { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k.toLowerCase(), v])) }),
    ...(s.required && { required: s.required.map((k) => k.toLowerCase()) }),
  };
}

/**
 * Fastify's default schema compilers, compiling each route's validators and serializers when the
 * route first needs them instead of when the app starts. Fastify compiles every schema of every
 * route at `ready()`: Ajv and fast-json-stringify took ~0.9 s of a 5 s start on this machine and
 * their generated code stays in memory for routes an instance may never serve (`npm run bench:startup`).
 * The first request to a route pays its compile (a few milliseconds). A broken schema therefore
 * fails on that route's first request (a 500) rather than at start: the route tests and
 * `server/test/openapi.test.ts` cover every route.
 */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const buildValidator: Factory = (externalSchemas, options) => {
    const compile = defaultValidatorFactory(externalSchemas, options);
    return (route) => compiledOnFirstUse(() => compile(route.httpPart === 'headers' ? { ...route, schema: lowerCaseHeaders(route.schema) } : route));
  };
  const buildSerializer: Factory = (externalSchemas, options) => {
    const compile = defaultSerializerFactory(externalSchemas, options);
    return (route) => compiledOnFirstUse(() => compile(route));
  };
  return { compilersFactory: { buildValidator, buildSerializer } } as unknown as NonNullable<FastifyServerOptions['schemaController']>;
}
