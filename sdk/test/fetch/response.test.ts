import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, PoliteFetcher } from '../../src/index.js';
import { decodeBody } from '../../src/fetch/transport.js';
import { FakeClock } from '../../src/testing/index.js';
import { LOCAL, reply, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('FetchResponse', () => {
  it('exposes status, lower-case headers, text, a lazy document and json()', async () => {
    server = await startServer((req, res) => {
      if (req.path === '/robots.txt') return reply(res, 404);
      if (req.path === '/bad.json') return reply(res, 200, '{"oops":', { 'content-type': 'application/json' });
      if (req.path === '/bom.json') return reply(res, 200, '\uFEFF{"ok":true}', { 'content-type': 'application/json' });
      reply(res, 200, '<html><body><div class="card"><a href="/j/1">Job &amp; co</a></div></body></html>', { 'X-Custom': 'Yes' });
    });
    const fetcher = new PoliteFetcher({ allowedPrivateHosts: LOCAL, policy: { crawlDelaySeconds: 0, disallowedPaths: [] }, clock: new FakeClock() });
    const res = await fetcher.fetch(`${server.origin}/page`);
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers['x-custom']).toBe('Yes');
    expect(res.document.querySelector('div.card a')?.textContent).toBe('Job & co');
    expect(res.document.querySelector('div.card a')?.getAttribute('href')).toBe('/j/1');
    expect(res.document).toBe(res.document);

    const bad = await fetcher.fetch(`${server.origin}/bad.json`);
    expect(() => bad.json()).toThrow(ParseError);
    try {
      bad.json();
    } catch (e) {
      expect((e as ParseError).code).toBe('PF_ERR_PARSE');
      expect((e as ParseError).message).toContain(`${server.origin}/bad.json`);
    }
    expect((await fetcher.fetch(`${server.origin}/bom.json`)).json()).toEqual({ ok: true });
  });

  it('decodes bodies by charset (header, meta, XML declaration)', () => {
    const cp1252 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x73]); // "Café ’s"
    expect(decodeBody(cp1252, 'text/html; charset=windows-1252')).toBe('Café ’s');
    const meta = Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0xe9]), Buffer.from('</p>')]);
    expect(decodeBody(meta, 'text/html')).toBe('<meta charset="iso-8859-1"><p>é</p>');
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>'), Buffer.from([0xe9]), Buffer.from('</t>')]);
    expect(decodeBody(xml)).toContain('<t>é</t>');
    expect(decodeBody(Buffer.from('héllo'), 'text/plain; charset=bogus-charset')).toBe('héllo');
  });
});
