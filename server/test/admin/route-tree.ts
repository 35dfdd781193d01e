import { isSitePath } from '../../src/site/site-paths.js';

/** Served by the framework or its plugins, not part of the API (the docs UI, the document itself, CORS preflight, the site's pages). */
export const NOT_API = (path: string) => path.startsWith('/api/docs') || path === '/api/openapi.json' || path === '*' || isSitePath(path);

/**
 * Every registered route as `METHOD /path` (`:param` written `{param}`, like OpenAPI), from Fastify's
 * own route tree (`app.printRoutes({ commonPrefix: false })`): each line is a node, indented four
 * characters a level, whose full path is its ancestors' text followed by its own. HEAD (added for
 * each GET), OPTIONS and the non-API routes are left out.
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
