import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../helpers.js';
import { hitFixedWindow } from '../../src/rate-limit/fixed-window.js';
import { register, STRONG_PASSWORD, uniqueEmail } from './auth-flows.js';

const t = useTestApp({
  services: {
    rateLimits: {
      login: { ip: { limit: 8, windowSeconds: 600 }, account: { limit: 3, windowSeconds: 600 } },
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
  it('per account: the 4th login attempt in the window is 429 with Retry-After, even with the right password', async () => {
    const user = await register(t.app);
    for (let i = 0; i < 3; i++) expect((await attempt(user.email, 'wrong password!!', `198.51.100.${i}`)).statusCode).toBe(401);
    const limited = await attempt(user.email, STRONG_PASSWORD, '198.51.100.77');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'PF_ERR_RATE_LIMITED', statusCode: 429 });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('a success clears the account count', async () => {
    const user = await register(t.app);
    for (let round = 0; round < 3; round++) {
      expect((await attempt(user.email, 'wrong password!!', '192.0.2.50')).statusCode).toBe(401);
      expect((await attempt(user.email, 'wrong password!!', '192.0.2.51')).statusCode).toBe(401);
      expect((await attempt(user.email, STRONG_PASSWORD, '192.0.2.52')).statusCode).toBe(200);
    }
  });

  it('per IP: many accounts from one address hit the IP limit', async () => {
    const ip = '203.0.113.99';
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) codes.push((await attempt(uniqueEmail('spray'), 'guess guess guess', ip)).statusCode);
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(codes[8]).toBe(429);
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
