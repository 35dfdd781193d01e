import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.js';

const t = useTestApp();

/** The one error body: exactly these keys, `error` the status text, a stable code. */
function expectOneShape(body: Record<string, unknown>, status: number, code: string): void {
  expect(Object.keys(body).every((k) => ['statusCode', 'error', 'message', 'code', 'details'].includes(k))).toBe(true);
  expect(body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String), code });
}

describe('errors raised before any route runs share the one body', () => {
  it('a path parameter over the router\'s 100 characters is a 400 (the schema says maxLength), not a 414', async () => {
    const res = await t.app.inject(`/api/v1/jobs/${'x'.repeat(150)}`);
    expect(res.statusCode).toBe(400);
    expectOneShape(res.json(), 400, 'PF_ERR_VALIDATION');
  });

  it('a URL whose percent-encoding is not UTF-8', async () => {
    for (const url of ['/api/v1/jobs/%E0%A4%A', '/api/v1/jobs/%ED%A0%80']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(400);
      expectOneShape(res.json(), 400, 'PF_ERR_VALIDATION');
    }
  });

  it('a body of a type the operation does not read (415), over 1 MB (413), malformed JSON (400)', async () => {
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', headers: { 'content-type': 'application/xml' }, payload: '<q/>' });
    expect(xml.statusCode).toBe(415);
    expectOneShape(xml.json(), 415, 'PF_ERR_UNSUPPORTED_MEDIA_TYPE');
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', headers: { 'content-type': 'application/json' }, payload: `"${'x'.repeat(1024 * 1024)}"` });
    expectOneShape(big.json(), 413, 'PF_ERR_PAYLOAD_TOO_LARGE');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expectOneShape(bad.json(), 400, 'PF_ERR_MALFORMED_JSON');
  });

  it('a request Node\'s HTTP parser refuses, on a listening server', async () => {
    // Listening until the file's app closes (inject keeps working beside it).
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const { port } = new URL(address);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expectOneShape(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)), 400, 'PF_ERR_VALIDATION');
    }
  });
});

type Response = { content?: Record<string, { schema?: { $ref?: string } }> };
type Operation = { responses: Record<string, Response> };

describe('the OpenAPI document lists what the door can answer on every operation', () => {
  it('400, 500 and 503 everywhere; 413 and 415 where a body is read; each as the JSON Error body', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const needed = ['400', '500', '503', ...(['post', 'put', 'patch', 'delete'].includes(method) ? ['413', '415'] : [])];
        for (const status of needed) {
          if (path === '/health' && status === '503') continue; // /health answers its own body when the database is down
          if (op.responses[status]?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error') problems.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the alert preview and the unsubscribe page document the JSON error they send', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    for (const [path, statuses] of [['/api/v1/admin/alerts/preview', ['400', '401', '403', '404']], ['/api/v1/alerts/unsubscribe', ['400']]] as const) {
      for (const status of statuses) expect(Object.keys(doc.paths[path]!.get!.responses[status]!.content!), `${path} ${status}`).toEqual(['application/json']);
    }
    const res = await t.app.inject('/api/v1/admin/alerts/preview');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
