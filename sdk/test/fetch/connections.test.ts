import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL } from '../support/http-server.js';

// Requests to one host are at least crawlDelaySeconds apart, longer than most servers keep an idle
// connection: a kept-alive socket is then one the server may be closing just as we reuse it
// (ECONNRESET, a retry and a full backoff). So every request opens its own connection.

interface RawServer {
  origin: string;
  /** Per connection, the request lines it carried. */
  connections: string[][];
  /** The Connection header of every request. */
  connectionHeaders: (string | undefined)[];
  close(): Promise<void>;
}

/**
 * An HTTP/1.1 server that keeps connections open but resets one on its second request, as a server
 * whose idle timer fired just when the client reused the socket would.
 */
async function resettingServer(): Promise<RawServer> {
  const connections: string[][] = [];
  const connectionHeaders: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const seen: string[] = [];
    connections.push(seen);
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const head = buffer.slice(0, end);
        buffer = buffer.slice(end + 4);
        const [line, ...fields] = head.split('\r\n');
        seen.push(line!);
        const connection = fields.find((f) => /^connection:/i.test(f))?.replace(/^connection:\s*/i, '');
        connectionHeaders.push(connection);
        if (seen.length > 1) {
          socket.resetAndDestroy();
          return;
        }
        const body = line!.startsWith('GET /robots.txt') ? '' : '<p>ok</p>';
        const close = /close/i.test(connection ?? '');
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n` +
            `Connection: ${close ? 'close' : 'keep-alive'}\r\n\r\n${body}`,
        );
        if (close) socket.end();
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    connectionHeaders,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('one connection per request', () => {
  it('never reuses a socket, so a server dropping idle connections costs no retry', async () => {
    const server = await resettingServer();
    closers.push(server.close);
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 6, disallowedPaths: [] }, clock: new FakeClock() });
    for (const path of ['/a', '/b', '/c']) expect((await fetcher.fetch(`${server.origin}${path}`)).status).toBe(200);
    expect(fetcher.requests.map((r) => r.attempt)).toEqual([1, 1, 1, 1]);
    expect(server.connections).toEqual([['GET /robots.txt HTTP/1.1'], ['GET /a HTTP/1.1'], ['GET /b HTTP/1.1'], ['GET /c HTTP/1.1']]);
    // And the server is told not to hold the socket for us.
    expect(server.connectionHeaders.map((h) => h?.toLowerCase())).toEqual(['close', 'close', 'close', 'close']);
  });

  it('sees no retry against a server closing idle sockets after 1 s when the delay is 2 s (real clock)', async () => {
    const server: HttpServer = createHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': req.url === '/robots.txt' ? 'text/plain' : 'text/html' });
      res.end(req.url === '/robots.txt' ? '' : '<p>ok</p>');
    });
    server.keepAliveTimeout = 1_000;
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    closers.push(() => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The system clock on purpose: the idle timeout is the server's, in real time (~2 s in all).
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 2, disallowedPaths: [] } });
    expect((await fetcher.fetch(`${origin}/a`)).status).toBe(200);
    expect(fetcher.requests.map((r) => [r.kind, r.attempt, r.error])).toEqual([['robots', 1, undefined], ['page', 1, undefined]]);
    expect(connections).toBe(2);
  });
});
