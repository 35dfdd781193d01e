import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface TestServer {
  origin: string;
  host: string;
  requests: SeenRequest[];
  /** Paths seen, in order. */
  paths(): string[];
  close(): Promise<void>;
}

export type Handler = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1:0 whose answers the test scripts (`maxHeaderSize` admits long URLs). */
export async function startServer(handler: Handler, options: { maxHeaderSize?: number } = {}): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer({ maxHeaderSize: options.maxHeaderSize }, (raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const seen = { method: raw.method ?? 'GET', path: raw.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      void Promise.resolve(handler(seen, res, raw)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    paths: () => requests.map((r) => r.path),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Answers with a status, body and headers. */
export function reply(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

/** A handler serving a robots.txt body (or status) and 200 pages echoing their path. */
export function site(robots: string | number, pages: Record<string, (res: ServerResponse, req: SeenRequest) => void> = {}): Handler {
  return (req, res) => {
    const path = req.path.split('?')[0]!;
    if (path === '/robots.txt') {
      if (typeof robots === 'number') return reply(res, robots, 'robots error');
      return reply(res, 200, robots, { 'content-type': 'text/plain' });
    }
    const page = pages[path];
    if (page) return page(res, req);
    reply(res, 200, `<html><body><h1>${path}</h1></body></html>`);
  };
}

/**
 * The allow-list for fetchers pointed at these servers: they listen on loopback, which the
 * fetcher refuses unless told otherwise (see address-policy.test.ts).
 */
export const LOCAL = ['127.0.0.1'];
