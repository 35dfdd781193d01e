import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** Deeper than this, a JSON body is refused: no field of the API nests more than a few levels. */
export const MAX_INPUT_DEPTH = 32;

type Problem = { path: string; message: string; kind: 'nul' | 'surrogate' | 'depth' };

/** A UTF-16 surrogate without its partner (JSON's "\ud800" escape makes one). No `u` flag: code units. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** `text` with each unpaired surrogate replaced by U+FFFD and each NUL by `\0`: safe to store or log. */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd').replaceAll('\u0000', '\\0');
}

/** What is wrong with one string (a value or a key), if anything. */
function textProblem(text: string): Problem['kind'] | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return undefined;
}

/**
 * The first unstorable thing in a parsed input: a NUL, an unpaired surrogate (in a value or a key),
 * or nesting deeper than {@link MAX_INPUT_DEPTH}. Iterative, so a 100,000-level body cannot overflow
 * the stack here either.
 */
export function findUnstorable(root: unknown): Problem | undefined {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      const kind = textProblem(value);
      if (kind) return { path: path || '/', kind, message: kind === 'nul' ? 'must not contain a NUL character' : 'must not contain an unpaired UTF-16 surrogate' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path: path || '/', kind: 'depth', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, v] of Object.entries(value)) {
      const kind = textProblem(key);
      if (kind) return { path: `${path}/${storableText(key)}`, kind, message: kind === 'nul' ? 'must not have a NUL character in its name' : 'must not have an unpaired UTF-16 surrogate in its name' };
      stack.push([v, `${path}/${key}`, depth + 1]);
    }
  }
  return undefined;
}

const SUMMARY: Record<Problem['kind'], string> = {
  nul: 'The request contains a NUL character, which no field accepts',
  surrogate: 'The request contains an unpaired UTF-16 surrogate (\\ud800-\\udfff without its partner), which no field accepts',
  depth: `The request is nested deeper than ${MAX_INPUT_DEPTH} levels, which no field accepts`,
};

/**
 * Refuses, with a 400 before validation, what Postgres cannot store or a handler cannot walk safely,
 * anywhere in params, query or body: a NUL character (the driver fails the whole statement: a
 * protocol error), an unpaired surrogate (Postgres refuses it in JSON and it is not valid UTF-8 text),
 * and nesting deeper than {@link MAX_INPUT_DEPTH} levels (recursive code such as a plugin's config
 * defaults would overflow the stack on 2,000 levels). Decided once, here, for every route.
 */
export function rejectUnstorableInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const problem = findUnstorable(value);
      if (problem) throw ApiError.badRequest(`${SUMMARY[problem.kind]}: ${where}${problem.path === '/' ? '' : storableText(problem.path)}.`, [{ path: storableText(problem.path), message: problem.message }]);
    }
  });
}
