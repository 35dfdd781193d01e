import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * One entry of a fixture folder's `routes.json` (or `serveFixtures`'s `routes` option).
 *
 * @example
 * ```json
 * [
 *   { "path": "/rss", "file": "rss.xml" },
 *   { "path": "/jobs", "query": { "id": "123" }, "file": "job-123.html" },
 *   { "method": "POST", "path": "/api/v2/collections/383/search/jobs", "body": { "page": 1 },
 *     "requestHeaders": { "Accept": "application/json" }, "file": "page-1.json" },
 *   { "method": "POST", "path": "/api/v2/collections/383/search/jobs", "status": 406, "text": "Not Acceptable" },
 *   { "path": "/old", "status": 301, "headers": { "location": "/new" } }
 * ]
 * ```
 */
export interface FixtureRoute {
  /** Default GET (a GET route also answers HEAD). */
  method?: string;
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  /** Query parameters that must be present with these values (others are ignored). */
  query?: Record<string, string>;
  /** For JSON requests: a subset the request's JSON body must contain (deep). */
  body?: unknown;
  /**
   * Request headers the request must carry (names case-insensitive, values too). A value matches the
   * whole header or one item of a comma-separated list, parameters ignored: `"Accept":
   * "application/json"` matches `accept: text/plain;q=0.5, application/json;q=0.9`. Each header makes
   * the route more specific, so a second route for the same path without them (e.g. `"status": 406`)
   * answers the requests that lack them, whatever the order of the two.
   */
  requestHeaders?: Record<string, string>;
  /** The file to serve, relative to the folder. */
  file?: string;
  /** An inline body instead of a file. */
  text?: string;
  /** Default 200. */
  status?: number;
  /** Response headers (`{{origin}}` substituted). */
  headers?: Record<string, string>;
  contentType?: string;
  /** Real milliseconds to wait before answering (to exercise timeouts). */
  delayMs?: number;
}

/** A request the fixture server saw. */
export interface FixtureRequest {
  method: string;
  /** Path and query, e.g. `/jobs?id=1`. */
  url: string;
  /** Real time (ms) the request arrived. */
  at: number;
  headers: Record<string, string>;
  body: string;
}

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every request seen, in arrival order. */
  requests: FixtureRequest[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Serves a folder of recorded pages on 127.0.0.1 (a free port). URL -> file mapping comes from the
 * folder's `routes.json` (or `o.routes`); the most specific matching route wins (method, path,
 * query, JSON body, `requestHeaders`: see {@link FixtureRoute}). Unmapped paths fall
 * back to the file at the same relative path (`index.html` for `/` and folders), else 404; so
 * `robots.txt` is just a file. Text files may contain `{{origin}}`, replaced by the server's origin.
 * Like a real web server, every 200 answer carries an `ETag` (a hash of the body) and a request whose
 * `If-None-Match` names it gets `304 Not Modified`, so conditional fetches can be exercised
 * (`etags: false` turns this off; a route's own `etag` header wins).
 *
 * @example
 * ```ts
 * const server = await serveFixtures(new URL('./fixtures/civicjobs', import.meta.url).pathname);
 * const run = await runSource(source, { baseUrl: server.origin });
 * expect(server.requests.map((r) => r.url)).toContain('/rss');
 * await server.close();
 * ```
 */
export async function serveFixtures(dir: string, o: { routes?: FixtureRoute[]; etags?: boolean } = {}): Promise<FixtureServer> {
  const root = resolve(dir);
  const routes = o.routes ?? (await loadRoutes(root));
  const requests: FixtureRequest[] = [];
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture server error: ${(e as Error).message}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fixture.invalid');
    requests.push({ method, url: `${url.pathname}${url.search}`, at: Date.now(), headers: flat(req.headers), body });

    const route = pickRoute(routes, method, url, body, flat(req.headers));
    if (route?.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    if (route) {
      let content: Buffer | string = '';
      let type = route.contentType;
      if (route.file !== undefined) {
        const file = safeJoin(root, route.file);
        const data = file ? await readFile(file).catch(() => undefined) : undefined;
        if (data === undefined) return send(res, 500, `routes.json points at a missing file: ${route.file}`, 'text/plain');
        content = data;
        type ??= TYPES[extname(route.file).toLowerCase()];
      } else if (route.text !== undefined) content = route.text;
      return send(res, route.status ?? 200, content, type ?? 'text/plain; charset=utf-8', route.headers, method, req.headers['if-none-match']);
    }
    const file = await fallbackFile(root, url.pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8', undefined, method);
    const data = await readFile(file);
    send(res, 200, data, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', undefined, method, req.headers['if-none-match']);
  }

  function send(
    res: ServerResponse,
    status: number,
    content: Buffer | string,
    type: string,
    headers: Record<string, string> = {},
    method = 'GET',
    ifNoneMatch?: string,
  ): void {
    const head = method === 'HEAD';
    const isText = /^(text\/|application\/(json|xml|rss|atom|ld))|\+xml/i.test(type);
    let out = content;
    // {{origin}} lets recorded pages link back to this server whatever its port.
    if (isText) out = (typeof content === 'string' ? content : content.toString('utf8')).replaceAll('{{origin}}', origin);
    const payload = typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
    const h: Record<string, string> = { 'content-type': type, 'content-length': String(payload.length) };
    if (status === 200 && (method === 'GET' || head) && o.etags !== false) {
      h.etag = `"${createHash('sha256').update(payload).digest('hex').slice(0, 20)}"`;
    }
    for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v.replaceAll('{{origin}}', origin);
    if (h.etag && ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === h.etag!.replace(/^W\//, ''))) {
      res.writeHead(304, { etag: h.etag });
      res.end();
      return;
    }
    res.writeHead(status, h);
    res.end(head ? undefined : payload);
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

async function loadRoutes(root: string): Promise<FixtureRoute[]> {
  const text = await readFile(join(root, 'routes.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${join(root, 'routes.json')} must hold an array of routes`);
  return parsed as FixtureRoute[];
}

/**
 * The most specific route matching method + path (+ query subset, + JSON body subset, + request
 * headers; `headers` with lower-case names, as Node gives them).
 */
export function pickRoute(
  routes: FixtureRoute[],
  method: string,
  url: URL,
  body: string,
  headers: Record<string, string> = {},
): FixtureRoute | undefined {
  let json: unknown;
  let jsonRead = false;
  const scored: { route: FixtureRoute; score: number }[] = [];
  for (const route of routes) {
    const m = (route.method ?? 'GET').toUpperCase();
    if (m !== method && !(m === 'GET' && method === 'HEAD')) continue;
    const exact = !route.path.endsWith('*');
    if (exact ? route.path !== url.pathname : !url.pathname.startsWith(route.path.slice(0, -1))) continue;
    const q = route.query ?? {};
    if (!Object.entries(q).every(([k, v]) => url.searchParams.get(k) === String(v))) continue;
    if (route.body !== undefined) {
      if (!jsonRead) {
        jsonRead = true;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
      }
      if (!containsSubset(json, route.body)) continue;
    }
    const wanted = Object.entries(route.requestHeaders ?? {});
    if (!wanted.every(([name, value]) => headerMatches(headers[name.toLowerCase()], value))) continue;
    const score =
      (exact ? 1000 : route.path.length) +
      Object.keys(q).length * 10 +
      (route.body !== undefined ? countLeaves(route.body) * 10 : 0) +
      wanted.length * 10;
    scored.push({ route, score });
  }
  // Highest score wins; ties go to the earlier route.
  return scored.reduce<{ route: FixtureRoute; score: number } | undefined>((best, s) => (!best || s.score > best.score ? s : best), undefined)?.route;
}

// The whole value, or one item of a comma-separated list without its parameters ("application/json;q=0.9").
function headerMatches(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const want = expected.trim().toLowerCase();
  if (actual.trim().toLowerCase() === want) return true;
  return actual.split(',').some((item) => {
    const v = item.trim().toLowerCase();
    return v === want || v.split(';')[0]!.trim() === want;
  });
}

/** Deep "actual contains expected": objects by key subset, arrays and primitives by equality. */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => containsSubset(actual[i], e));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) => containsSubset(a[k], v));
}

function countLeaves(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  return Object.values(v as object).reduce((n: number, x) => n + countLeaves(x), 0) || 1;
}

async function fallbackFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const candidate = safeJoin(root, decoded);
  if (!candidate) return undefined;
  const s = await stat(candidate).catch(() => undefined);
  if (s?.isFile()) return candidate;
  if (s?.isDirectory()) {
    const index = join(candidate, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

// Refuse paths escaping the fixture folder ("/../../etc/passwd").
function safeJoin(root: string, rel: string): string | undefined {
  const p = normalize(join(root, rel));
  return p === root || p.startsWith(root + sep) ? p : undefined;
}

function flat(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
