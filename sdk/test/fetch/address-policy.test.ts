import { afterEach, describe, expect, it } from 'vitest';
import {
  AddressPolicy, PoliteFetcher, PrivateAddressError, allowListProblem, specialRangeOf, type HostResolver,
} from '../../src/index.js';
import { FakeClock } from '../../src/testing/index.js';
import { reply, startServer, type TestServer } from '../support/http-server.js';

// Server-side request forgery: a URL someone else wrote (an employer's job link, an admin's
// baseUrl, a redirect) must not lead the crawler to the machine's own services or to a cloud
// metadata endpoint. Tests use no real DNS: a resolver is injected to play the name server.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const policy = { crawlDelaySeconds: 0, disallowedPaths: [] };

/** A resolver answering from a table, like a name server an attacker controls. */
function resolver(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

/** A server on 127.0.0.1 that would leak its "metadata" to anyone reaching it. */
async function metadataServer(): Promise<TestServer> {
  server = await startServer((req, res) => {
    if (req.path === '/robots.txt') return reply(res, 404);
    if (req.path.startsWith('/latest/meta-data')) return reply(res, 200, 'iam/security-credentials/admin', { 'content-type': 'text/plain' });
    if (req.path === '/to-loopback') return reply(res, 302, '', { location: `http://127.0.0.1:${port()}/latest/meta-data/` });
    if (req.path === '/to-evil-name') return reply(res, 302, '', { location: `http://metadata.evil.test:${port()}/latest/meta-data/` });
    reply(res, 200, `<p>${req.path}</p>`);
  });
  return server;
}
const port = () => Number(new URL(server!.origin).port);

describe('specialRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['0.0.0.0', '"this network"'], ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'], ['192.0.2.10', 'documentation'], ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'], ['255.255.255.255', 'reserved or broadcast'], ['240.0.0.1', 'reserved or broadcast'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
    ['fd12:3456::1', 'unique local (ULA)'], ['fc00::1', 'unique local (ULA)'], ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'], ['2001:0:4136:e378::1', 'IETF protocol assignment'],
    ['::ffff:127.0.0.1', 'loopback (IPv4-mapped)'], ['::ffff:7f00:1', 'loopback (IPv4-mapped)'],
    ['::ffff:169.254.169.254', 'link-local (IPv4-mapped)'], ['::ffff:0:10.0.0.1', 'private (IPv4-translated)'],
    ['::127.0.0.1', 'loopback (IPv4-compatible)'], ['64:ff9b::a9fe:a9fe', 'link-local (NAT64)'],
    ['64:ff9b:1::1', 'local-use NAT64'], ['2002:7f00:1::', 'loopback (6to4)'], ['2002:c0a8:101::1', 'private (6to4)'],
    ['100::1', 'discard-only'], ['4000::1', 'reserved'],
  ])('%s is %s', (address, range) => {
    expect(specialRangeOf(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is an ordinary public address',
    (address) => expect(specialRangeOf(address)).toBeUndefined(),
  );
});

describe('AddressPolicy', () => {
  it('lets a special address through only when an entry names the host, the address or its block (and port, if given)', () => {
    const p = new AddressPolicy(['mirror.internal', '127.0.0.1:8080', '10.0.0.0/8', '[::1]:9000', 'Feeds.Local.']);
    expect(p.refusal('mirror.internal', '192.168.5.5', 443)).toBeUndefined();
    expect(p.refusal('feeds.local', '192.168.5.6', 80)).toBeUndefined();
    expect(p.refusal('127.0.0.1', '127.0.0.1', 8080)).toBeUndefined();
    expect(p.refusal('127.0.0.1', '127.0.0.1', 6379)).toBe('loopback');
    expect(p.refusal('anything.test', '10.200.0.1', 80)).toBeUndefined();
    expect(p.refusal('::1', '::1', 9000)).toBeUndefined();
    expect(p.refusal('::1', '::1', 9001)).toBe('loopback');
    expect(p.refusal('other.internal', '192.168.5.5', 443)).toBe('private');
    expect(p.refusal('evil.test', '169.254.169.254', 80)).toBe('link-local');
    expect(p.refusal('public.test', '93.184.215.14', 443)).toBeUndefined();
  });

  it('names a malformed entry', () => {
    expect(allowListProblem(['mirror.internal', '10.0.0.0/8', '[fd00::1]:80'])).toBeUndefined();
    expect(allowListProblem(['http://mirror.internal'])).toMatch(/"http:\/\/mirror.internal" is not/);
    expect(allowListProblem(['10.0.0.0/40'])).toMatch(/prefix too long/);
    expect(allowListProblem(['host:99999'])).toMatch(/port out of range/);
    expect(() => new AddressPolicy(['a b'])).toThrow(/"a b" is not/);
  });
});

describe('the fetcher refuses special-purpose addresses', () => {
  it.each([
    ['a loopback address', (p: number) => `http://127.0.0.1:${p}/latest/meta-data/`, '127.0.0.1'],
    ['a decimal IPv4 host', (p: number) => `http://2130706433:${p}/latest/meta-data/`, '127.0.0.1'],
    ['a hex and shortened IPv4 host', (p: number) => `http://0x7f.1:${p}/latest/meta-data/`, '127.0.0.1'],
    ['an octal IPv4 host', (p: number) => `http://0177.0.0.01:${p}/latest/meta-data/`, '127.0.0.1'],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/latest/meta-data/`, '::1'],
    ['an IPv4-mapped IPv6 loopback', (p: number) => `http://[::ffff:127.0.0.1]:${p}/latest/meta-data/`, '::ffff:7f00:1'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254'],
    ['a private address', () => 'https://10.0.0.7/admin', '10.0.0.7'],
  ])('%s in the URL, before any request (robots.txt included)', async (_what, url, address) => {
    const s = await metadataServer();
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: resolver({}) });
    const error = await fetcher.fetch(url(port())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect(error).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', address });
    expect((error as Error).message).toContain(address);
    expect(fetcher.requests).toEqual([]);
    expect(s.paths()).toEqual([]);
  });

  it('checks the address a name resolves to, at connect time, naming both', async () => {
    const s = await metadataServer();
    const dns = resolver({ 'jobs.example.test': ['127.0.0.1'] });
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: dns, maxRetries: 3 });
    const error = await fetcher.fetch(`http://jobs.example.test:${port()}/latest/meta-data/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect(error).toMatchObject({ host: 'jobs.example.test', address: '127.0.0.1', range: 'loopback' });
    expect((error as Error).message).toMatch(/jobs\.example\.test \(resolved to 127\.0\.0\.1\).*loopback/);
    expect(dns.asked).toEqual(['jobs.example.test']);
    // One attempt (the robots.txt request that met the refusal), no retry, nothing reached the server.
    expect(fetcher.requests).toHaveLength(1);
    expect(fetcher.requests[0]!.error).toMatch(/PF_ERR_PRIVATE_ADDRESS|Refused to connect/);
    expect(s.paths()).toEqual([]);
  });

  it('refuses a name when any of its addresses is special, even after a public one', async () => {
    const s = await metadataServer();
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: resolver({ 'mixed.test': ['93.184.215.14', '10.0.0.1'] }) });
    await expect(fetcher.fetch(`http://mixed.test:${port()}/`)).rejects.toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', address: '10.0.0.1' });
    expect(s.paths()).toEqual([]);
  });

  it('lets a host named in the allow-list through, and only that host', async () => {
    const s = await metadataServer();
    const dns = resolver({ 'mirror.internal': ['127.0.0.1'], 'other.internal': ['127.0.0.1'] });
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: dns, allowedPrivateHosts: ['mirror.internal'] });
    const res = await fetcher.fetch(`http://mirror.internal:${port()}/jobs`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('<p>/jobs</p>');
    await expect(fetcher.fetch(`http://other.internal:${port()}/jobs`)).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(fetcher.fetch(`http://127.0.0.1:${port()}/jobs`)).rejects.toBeInstanceOf(PrivateAddressError);
    expect(s.paths()).toEqual(['/robots.txt', '/jobs']);
  });

  it('allows an address with a port only on that port', async () => {
    const s = await metadataServer();
    const ok = new PoliteFetcher({ policy, clock: new FakeClock(), allowedPrivateHosts: [`127.0.0.1:${port()}`] });
    expect((await ok.fetch(`${s.origin}/jobs`)).status).toBe(200);
    const other = new PoliteFetcher({ policy, clock: new FakeClock(), allowedPrivateHosts: [`127.0.0.1:${port() === 65535 ? 1 : port() + 1}`] });
    await expect(other.fetch(`${s.origin}/jobs`)).rejects.toBeInstanceOf(PrivateAddressError);
  });

  it('allows the targets of its origin map without naming them', async () => {
    const s = await metadataServer();
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), originMap: { 'https://jobs.example.ca': s.origin } });
    expect((await fetcher.fetch('https://jobs.example.ca/jobs')).text).toBe('<p>/jobs</p>');
  });
});

describe('every redirect hop is checked', () => {
  it('refuses a redirect from an allowed host to a loopback address mid-chain', async () => {
    const s = await metadataServer();
    const dns = resolver({ 'jobs.example.test': ['127.0.0.1'] });
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: dns, allowedPrivateHosts: ['jobs.example.test'] });
    const error = await fetcher.fetch(`http://jobs.example.test:${port()}/to-loopback`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', address: '127.0.0.1', url: `http://127.0.0.1:${port()}/latest/meta-data/` });
    expect(s.paths()).toEqual(['/robots.txt', '/to-loopback']);
  });

  it('refuses a redirect to a name that resolves to loopback, when the socket looks it up', async () => {
    const s = await metadataServer();
    const dns = resolver({ 'jobs.example.test': ['127.0.0.1'], 'metadata.evil.test': ['127.0.0.1'] });
    const fetcher = new PoliteFetcher({ policy, clock: new FakeClock(), resolveHost: dns, allowedPrivateHosts: ['jobs.example.test'] });
    const error = await fetcher.fetch(`http://jobs.example.test:${port()}/to-evil-name`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', host: 'metadata.evil.test', address: '127.0.0.1' });
    expect(dns.asked).toContain('metadata.evil.test');
    expect(s.paths()).toEqual(['/robots.txt', '/to-evil-name']);
  });
});
