import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApp } from './helpers.js';

const t = useTestApp();

type Operation = {
  summary?: string; tags?: string[]; security?: Record<string, string[]>[]; parameters?: unknown[];
  requestBody?: unknown; responses: Record<string, unknown>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Served by the framework or its plugins, not part of the API (the docs UI, the document itself, CORS preflight). */
const NOT_API = (path: string) => path.startsWith('/api/docs') || path === '/api/openapi.json' || path === '*';

/**
 * Every registered route as `METHOD /path` (`:param` written `{param}`, like OpenAPI), from Fastify's
 * own route tree (`printRoutes`): each line is a node, indented four characters a level, whose full
 * path is its ancestors' text followed by its own. HEAD (added for each GET) and OPTIONS are left out.
 */
export function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    const methods = (m[3] ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== '-' && s !== 'HEAD' && s !== 'OPTIONS');
    if (NOT_API(path)) continue;
    for (const method of methods) routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes.sort();
}

async function getDoc(): Promise<Doc> {
  const res = await t.app.inject('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  return res.json();
}

const operations = (doc: Doc) => Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const doc = await getDoc();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('lists every registered route, and nothing that is not one', async () => {
    const doc = await getDoc();
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThan(40);
    expect(registered).toContain('GET /api/v1/jobs/{id}/apply');
    expect(operations(doc).map((o) => o.key).sort()).toEqual(registered);
  });

  it('describes each API operation completely: summary, tag, a success answer, and the errors its inputs and guards can cause', async () => {
    const problems: string[] = [];
    for (const { key, path, op } of operations(await getDoc())) {
      if (!path.startsWith('/api/v1/')) continue;
      if (!op.summary) problems.push(`${key}: no summary`);
      if (!op.tags?.length) problems.push(`${key}: no tag`);
      const statuses = Object.keys(op.responses);
      if (!statuses.some((s) => /^[23]/.test(s))) problems.push(`${key}: no success response`);
      if ((op.requestBody || op.parameters?.length) && !statuses.includes('400')) problems.push(`${key}: takes input but documents no 400`);
      const needsSession = op.security?.length && !op.security.some((s) => Object.keys(s).length === 0);
      if (needsSession && !statuses.includes('401')) problems.push(`${key}: needs a session but documents no 401`);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        // JSON errors share one body; routes that answer HTML (the unsubscribe page) may answer their errors in HTML too.
        const content = (op.responses[status] as { content?: Record<string, { schema?: { $ref?: string } }> }).content ?? {};
        const json = content['application/json'];
        if (Object.keys(content).length === 0 || (json && json.schema?.$ref !== '#/components/schemas/Error')) {
          problems.push(`${key}: ${status} is not the common Error body`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
