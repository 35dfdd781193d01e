/**
 * `@pathfinder/sdk/client`: a typed client for the Pathfinder REST API.
 *
 * The types in `api-types.ts` are generated from the server's OpenAPI document (`npm run generate:client`);
 * the runtime is `openapi-fetch`, a ~6 kB wrapper over `fetch`, so every path, parameter, body and
 * answer is checked by the compiler and nothing else is shipped to a browser.
 *
 * @example
 * ```ts
 * import { createPathfinderClient, paginate, unwrap } from '@pathfinder/sdk/client';
 * const client = createPathfinderClient({ baseUrl: 'http://localhost:8000' });
 * const page = unwrap(await client.GET('/api/v1/jobs', { params: { query: { q: 'data analyst' } } }));
 * console.log(page.total, page.items[0]?.title);
 * ```
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './api-types.js';

export type { components, operations, paths } from './api-types.js';
export { paginate, type Page } from './paginate.js';
export { PathfinderApiError, unwrap, type ApiErrorBody, type ApiErrorCode } from './api-error.js';

/** The client: `client.GET('/api/v1/jobs', …)`, `client.POST(…)`, each typed by the OpenAPI document. */
export type PathfinderClient = Client<paths>;

/** A job as search results list it. */
export type JobSummary = paths['/api/v1/jobs']['get']['responses'][200]['content']['application/json']['items'][number];
/** A search answer: items, nextCursor, total and facets. */
export type JobSearchResult = paths['/api/v1/jobs']['get']['responses'][200]['content']['application/json'];
/** Everything about one job. */
export type JobDetail = paths['/api/v1/jobs/{id}']['get']['responses'][200]['content']['application/json'];

export interface PathfinderClientOptions {
  /** The server's origin, e.g. `http://localhost:8000` (paths start with `/api/v1`). In a browser on the same origin, `''`. */
  baseUrl: string;
  /** A session token from `POST /api/v1/auth/login`, sent as `Authorization: Bearer …`. Browsers use the session cookie instead. */
  token?: string;
  /** A `fetch` to use instead of the global one (tests, proxies, retries). */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Anything else `openapi-fetch` takes (`credentials`, `querySerializer`…). */
  options?: Omit<ClientOptions, 'baseUrl' | 'fetch' | 'headers'>;
}

/**
 * A typed client for one Pathfinder server.
 *
 * @example
 * ```ts
 * const client = createPathfinderClient({ baseUrl: 'http://localhost:8000', token: process.env.PATHFINDER_TOKEN });
 * const { data, error } = await client.GET('/api/v1/jobs/{id}', { params: { path: { id } } });
 * if (error) console.error(error.code); else console.log(data.title);
 * ```
 */
export function createPathfinderClient(options: PathfinderClientOptions): PathfinderClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return createClient<paths>({
    ...options.options,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
