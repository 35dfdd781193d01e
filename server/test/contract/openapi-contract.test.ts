import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { UserRole } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { posting, seedJobs, seedSource } from '../jobs/seed-jobs.js';
import { bodyFor, encodePart, strayBody, textFor, type RawBody, type Schema } from './hostile-input.js';

// The OpenAPI document is the contract. Every operation is sent property-generated hostile input
// (hostile-input.ts) by four callers; every answer must be: no 5xx, a status the operation
// documents, a content type documented for that status, a body valid against its schema, and for
// errors the one error body. PF_CONTRACT_RUNS sets the runs per operation and caller (default 4:
// about 1,200 requests in all, well under a minute on an idle machine); each run draws a new seed
// (PF_CONTRACT_SEED replays one: a failure names its seed).

const RUNS = Number(process.env.PF_CONTRACT_RUNS ?? 4);
const SEED = Number(process.env.PF_CONTRACT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLERS = ['anonymous', 'student', 'employer', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Param = { name: string; in: string; schema?: Schema; required?: boolean };
type Content = Record<string, { schema?: Schema }>;
type Operation = { parameters?: Param[]; requestBody?: { content?: Content }; responses: Record<string, { content?: Content }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

const t = useTestApp();
let doc: Doc;
let knownIds: string[] = [];

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** A copy without `$id`s: the resolved document repeats component schemas inline, and Ajv refuses an id twice. */
function withoutIds(schema: unknown, seen = new Map<object, unknown>()): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  if (seen.has(schema)) return seen.get(schema);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(schema) ? [] : {};
  seen.set(schema, copy);
  for (const [k, v] of Object.entries(schema)) if (k !== '$id') (copy as Record<string, unknown>)[k] = withoutIds(v, seen);
  return copy;
}

function validatorFor(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(withoutIds(schema) as object)));
  return validate;
}

beforeAll(async () => {
  const raw = (await t.app.inject('/api/openapi.json')).json();
  const validator = new Validator();
  await validator.validate(raw);
  doc = validator.resolveRefs() as unknown as Doc;
  // Some real rows, so that success answers (lists, a job) are checked against their schemas too.
  const source = await seedSource(t.app, { name: 'Contract Source' });
  knownIds = [...(await seedJobs(t.app, source, [posting(), posting({ title: 'Data Analyst Intern' })])), source.id, 'civicjobs', 'ON'];
}, 60_000);

interface Sent { method: string; url: string; body?: RawBody; accept?: string }

/** Requests for one operation: path, query and body from its schemas, every part hostile at times. */
function requestsFor(path: string, method: string, op: Operation): fc.Arbitrary<Sent> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathValue = (p: Param) => fc.oneof(
    { arbitrary: fc.constantFrom(...knownIds), weight: 3 },
    { arbitrary: textFor(p.schema ?? {}, p.name), weight: 4 },
    { arbitrary: fc.constant('x'.repeat(150)), weight: 1 },
  );
  const query = fc.array(fc.constantFrom(...(queryParams.length ? queryParams : [undefined])), { maxLength: Math.min(queryParams.length, 4) })
    .chain((chosen) => fc.tuple(...chosen.filter((p): p is Param => p !== undefined).map((p) => textFor(p.schema ?? {}, p.name).map((v) => `${encodeURIComponent(p.name)}=${encodePart(v)}`))));
  const body = op.requestBody ? bodyFor(op.requestBody.content?.['application/json']?.schema ?? Object.values(op.requestBody.content ?? {})[0]?.schema) : strayBody;
  return fc.record({
    path: fc.tuple(...pathParams.map(pathValue)).map((values) => pathParams.reduce((u, p, i) => u.replace(`{${p.name}}`, encodePart(values[i]!)), path)),
    query,
    body,
    accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*', 'image/png'),
  }).map(({ path: url, query: q, body: b, accept }) => ({ method: method.toUpperCase(), url: url + (q.length ? `?${q.join('&')}` : ''), ...(b ? { body: b } : {}), ...(accept ? { accept } : {}) }));
}

const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'code', 'details']);

/** What is wrong with one answer, or undefined when it keeps the contract. */
function breach(op: Operation, res: { statusCode: number; headers: Record<string, unknown>; body: string }): string | undefined {
  const status = res.statusCode;
  let json: unknown;
  const media = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/json' && res.body !== '') {
    try {
      json = JSON.parse(res.body);
    } catch {
      return `${status}: the body is not JSON`;
    }
  }
  // The one 5xx on purpose: admin plugin routes in a process without a scheduler (this app has none).
  const schedulerless = status === 503 && (json as { code?: string } | undefined)?.code === 'PF_ERR_SCHEDULER_UNAVAILABLE';
  if (status >= 500 && !schedulerless) return `${status}: a 5xx (${res.body.slice(0, 200)})`;
  const documented = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  if (!documented) return `${status}: not documented (documented: ${Object.keys(op.responses).join(', ')})`;
  const content = documented.content ?? {};
  if (Object.keys(content).length > 0 && res.body !== '') {
    const entry = content[media];
    if (!entry) return `${status}: content type ${media || '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`;
    if (media === 'application/json' && entry.schema) {
      const validate = validatorFor(entry.schema);
      if (!validate(json)) return `${status}: body breaks its schema: ${ajv.errorsText(validate.errors)} (${res.body.slice(0, 200)})`;
    }
  }
  if (status >= 400 && media === 'application/json') {
    const error = json as Record<string, unknown>;
    if (!error || typeof error !== 'object' || Object.keys(error).some((k) => !ERROR_KEYS.has(k)) || error.statusCode !== status
      || typeof error.error !== 'string' || typeof error.message !== 'string' || typeof error.code !== 'string' || !error.code.startsWith('PF_ERR_')) {
      return `${status}: not the one error body (${res.body.slice(0, 200)})`;
    }
  }
  return undefined;
}

describe('every operation keeps the OpenAPI contract under hostile input', () => {
  for (const caller of CALLERS) {
    it(`called by ${caller === 'anonymous' ? 'an anonymous visitor' : `a signed-in ${caller}`}`, async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (!METHODS.includes(method)) continue;
          // A fresh session per operation: some end it (sign-out) or change it (MFA, password).
          const headers = caller === 'anonymous' ? {} : (await createUserSession(t.app, caller as UserRole)).headers;
          const result = await fc.check(fc.asyncProperty(requestsFor(path, method, op), async (sent_) => {
            sent++;
            const res = await t.app.inject({
              method: sent_.method as 'GET',
              url: sent_.url,
              headers: { ...headers, ...(sent_.accept ? { accept: sent_.accept } : {}), ...(sent_.body?.contentType ? { 'content-type': sent_.body.contentType } : {}) },
              ...(sent_.body ? { payload: sent_.body.payload } : {}),
            });
            const problem = breach(op, res);
            if (problem) throw new Error(problem);
          }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
          if (result.failed) {
            const example = result.counterexample?.[0] as Sent | undefined;
            failures.push(`${method.toUpperCase()} ${path} as ${caller} (PF_CONTRACT_SEED=${SEED}): ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}\n    sent ${example?.method} ${example?.url.slice(0, 200)} ${example?.body ? `${example.body.contentType} ${example.body.payload.slice(0, 120)}` : ''}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(Object.keys(doc.paths).length * RUNS * 0.9);
    }, 240_000);
  }
});
