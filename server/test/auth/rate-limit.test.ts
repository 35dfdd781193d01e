import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../helpers.js';
import { hitFixedWindow } from '../../src/rate-limit/fixed-window.js';
import { backoffSeconds } from '../../src/rate-limit/login-backoff.js';
import { register, STRONG_PASSWORD, uniqueEmail } from './auth-flows.js';

const t = useTestApp({
  services: {
    rateLimits: {
      login: { ip: { limit: 12, windowSeconds: 600 }, backoff: { freeAttempts: 3, baseSeconds: 1, maxSeconds: 60 } },
      register: { ip: { limit: 1000 }, account: { limit: 1000 } },
      forgot: { ip: { limit: 1000 }, account: { limit: 2, windowSeconds: 3600 } },
    },
  },
});

afterEach(() => {
  vi.useRealTimers();
});

const attempt = (email: string, password: string, ip = '203.0.113.10') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('rate limits', () => {
  it('wrong passwords from other addresses never slow the owner down (no lockout)', async () => {
    const user = await register(t.app);
    // Ten guesses from ten addresses, and one address pushed into its delay.
    for (let i = 0; i < 10; i++) expect((await attempt(user.email, 'wrong password!!', `198.51.100.${i}`)).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) expect((await attempt(user.email, 'wrong password!!', '198.51.100.66')).statusCode).toBe(401);
    expect((await attempt(user.email, 'wrong password!!', '198.51.100.66')).statusCode).toBe(429);
    // The owner, from their own address: straight in.
    expect((await attempt(user.email, STRONG_PASSWORD, '198.51.100.77')).statusCode).toBe(200);
  });

  it('from one address, each wrong password past the free ones doubles the wait (429 + Retry-After), the right one included', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.UTC(2031, 2, 3, 10, 0, 0);
    vi.setSystemTime(t0);
    const user = await register(t.app);
    const ip = '192.0.2.80';
    for (let i = 0; i < 3; i++) expect((await attempt(user.email, 'wrong password!!', ip)).statusCode).toBe(401);
    const first = await attempt(user.email, STRONG_PASSWORD, ip);
    expect(first.statusCode).toBe(429);
    expect(first.json()).toMatchObject({ code: 'PF_ERR_RATE_LIMITED', statusCode: 429 });
    expect(first.headers['retry-after']).toBe('1');
    vi.setSystemTime(t0 + 1000);
    expect((await attempt(user.email, 'wrong password!!', ip)).statusCode).toBe(401);
    expect((await attempt(user.email, STRONG_PASSWORD, ip)).headers['retry-after']).toBe('2');
    vi.setSystemTime(t0 + 3000);
    expect((await attempt(user.email, STRONG_PASSWORD, ip)).statusCode).toBe(200);
    // A success starts the address over.
    expect((await attempt(user.email, 'wrong password!!', ip)).statusCode).toBe(401);
  });

  it('parallel guesses from one address cannot slip past the delay', async () => {
    const user = await register(t.app);
    const codes = await Promise.all(Array.from({ length: 10 }, () => attempt(user.email, 'wrong password!!', '192.0.2.90').then((r) => r.statusCode)));
    expect(codes.filter((c) => c === 401)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });

  it('the delay grows exponentially up to its cap', () => {
    const rule = { freeAttempts: 5, baseSeconds: 1, maxSeconds: 900, forgetAfterSeconds: 86_400 };
    expect([1, 4, 5, 6, 9, 14, 15, 100].map((n) => backoffSeconds(n, rule))).toEqual([0, 0, 1, 2, 16, 512, 900, 900]);
  });

  it('per IP: many accounts from one address hit the IP limit', async () => {
    const ip = '203.0.113.99';
    const codes: number[] = [];
    for (let i = 0; i < 13; i++) codes.push((await attempt(uniqueEmail('spray'), 'guess guess guess', ip)).statusCode);
    expect(codes.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(codes[12]).toBe(429);
    // Another address is unaffected.
    expect((await attempt(uniqueEmail('spray'), 'guess guess guess', '203.0.113.100')).statusCode).toBe(401);
  });

  it('forgot-password is limited per email, and still answers 202 until then', async () => {
    const email = uniqueEmail('forgetful');
    const forgot = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
    expect((await forgot()).statusCode).toBe(202);
    expect((await forgot()).statusCode).toBe(202);
    expect((await forgot()).statusCode).toBe(429);
  });

  it('the fixed window resets at its end and counts atomically under concurrency', async () => {
    const em = t.app.ctx.orm.em.fork();
    const rule = { limit: 10, windowSeconds: 60 };
    const start = Date.UTC(2032, 0, 1, 0, 0, 0);
    const results = await Promise.all(Array.from({ length: 25 }, () => hitFixedWindow(em.fork(), 'test:concurrent', rule, start + 5_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(Math.max(...results.map((r) => r.retryAfterSeconds))).toBe(55);
    const next = await hitFixedWindow(em, 'test:concurrent', rule, start + 60_000);
    expect(next).toEqual({ allowed: true, count: 1, retryAfterSeconds: 60 });
  });

  it('register is limited per IP', async () => {
    const app = t.app;
    const { buildApp } = await import('../../src/app.js');
    const { testConfig } = await import('../helpers.js');
    const strict = await buildApp({ config: testConfig(), orm: t.db.orm, logger: false, services: { rateLimits: { register: { ip: { limit: 2 } } } } });
    try {
      const reg = () => strict.inject({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: '192.0.2.200', payload: { email: uniqueEmail(), password: STRONG_PASSWORD, role: 'student', consent: true } });
      expect((await reg()).statusCode).toBe(201);
      expect((await reg()).statusCode).toBe(201);
      expect((await reg()).statusCode).toBe(429);
    } finally {
      await strict.close();
    }
    expect(app).toBeDefined();
  });
});
