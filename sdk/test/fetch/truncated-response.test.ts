import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, PoliteFetcher, TruncatedResponseError } from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';

// A server that answers the way the issue saw: a 200 whose body simply stops when the connection
// closes, with no Content-Length and no chunked framing (HTTP/1.0-style, close-delimited).
let server: net.Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

function startRawServer(bodies: Record<string, { type: string; body: string; length?: boolean }>): Promise<string> {
  server = net.createServer((socket) => {
    socket.once('data', (data) => {
      const path = /^GET (\S+)/.exec(data.toString('latin1'))?.[1] ?? '/';
      const answer = bodies[path];
      if (!answer) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const length = answer.length ? `Content-Length: ${Buffer.byteLength(answer.body)}\r\n` : '';
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: ${answer.type}\r\n${length}Connection: close\r\n\r\n${answer.body}`);
    });
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as net.AddressInfo).port}`)));
}

const fetcherFor = () => new PoliteFetcher({ allowedPrivateHosts: ['127.0.0.1'], policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });

describe('a body cut short on a close-delimited connection', () => {
  it('HTML without its </html> is a TruncatedResponseError (retried), not a shorter page', async () => {
    const origin = await startRawServer({
      '/cut': { type: 'text/html', body: '<!doctype html><html><body><ul><li><a href="/j/1">One</a></li><li><a href="/j/' },
      '/whole': { type: 'text/html', body: '<html><body><a href="/j/1">One</a></body></html>' },
      '/fragment': { type: 'text/html', body: '<p>A fragment, as some boards send for an AJAX list</p>' },
      '/sized': { type: 'text/html', body: '<html><body><a href="/j/1">One</a>', length: true },
    });
    const fetcher = fetcherFor();
    const cut = await fetcher.fetch(`${origin}/cut`);
    expect(() => cut.document).toThrow(TruncatedResponseError);
    try {
      void cut.document;
    } catch (e) {
      expect((e as TruncatedResponseError).code).toBe('PF_ERR_TRUNCATED');
      expect((e as Error).message).toContain(`${origin}/cut`);
    }
    expect((await fetcher.fetch(`${origin}/whole`)).document.querySelector('a')?.textContent).toBe('One');
    expect((await fetcher.fetch(`${origin}/fragment`)).document.querySelector('p')).not.toBeNull();
    // With a Content-Length the transport itself knows the body arrived whole: no guessing from the markup.
    expect((await fetcher.fetch(`${origin}/sized`)).document.querySelector('a')?.textContent).toBe('One');
  });

  it('JSON that stops mid-value is a TruncatedResponseError; JSON that is wrong throughout stays a ParseError', async () => {
    const origin = await startRawServer({
      '/cut.json': { type: 'application/json', body: '{"jobs":[{"id":1,"title":"A"},{"id":2,"ti' },
      '/bad.json': { type: 'application/json', body: '{"jobs": nope}' },
    });
    const fetcher = fetcherFor();
    await expect(fetcher.fetch(`${origin}/cut.json`).then((r) => r.json())).rejects.toThrow(TruncatedResponseError);
    const bad = await fetcher.fetch(`${origin}/bad.json`);
    expect(() => bad.json()).toThrow(ParseError);
    expect(() => bad.json()).not.toThrow(TruncatedResponseError);
  });
});
