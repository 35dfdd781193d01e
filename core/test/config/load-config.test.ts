import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { configWarnings, isLoopbackHost, loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 8000, host: '127.0.0.1', dataDir: '/srv/app/.pathfinder', publicUrl: 'http://localhost:8000', sessionTtlDays: 10, logLevel: 'info' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.corsOrigins).toEqual(['http://localhost:8000', 'http://localhost:3000']);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number, got "abc"/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres: or postgresql:/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL must be a URL/],
    [{ DATABASE_URL: 'postgres://db/pf', DATABASE_READ_URL: 'mysql://replica/pf' }, /DATABASE_READ_URL must use postgres: or postgresql:/],
    [{ DATABASE_URL: 'postgres://db/pf', DATABASE_READ_URL: 'replica' }, /DATABASE_READ_URL must be a URL/],
    [{ DATABASE_READ_URL: 'postgres://replica/pf' }, /DATABASE_READ_URL needs DATABASE_URL/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL must use smtp: or smtps:/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PATHFINDER_ADMIN_EMAIL: 'admin@example.ca' }, /PATHFINDER_ADMIN_PASSWORD must be set/],
    [{ PATHFINDER_ADMIN_EMAIL: 'nope', PATHFINDER_ADMIN_PASSWORD: 'long enough password' }, /PATHFINDER_ADMIN_EMAIL must be an email/],
    [{ PATHFINDER_ADMIN_EMAIL: 'a@b.ca', PATHFINDER_ADMIN_PASSWORD: 'short' }, /at least 12 characters/],
    [{ PATHFINDER_SECRET_KEY: 'short' }, /PATHFINDER_SECRET_KEY must be at least 32/],
    [{ CORS_ORIGINS: 'http://ok.ca, ::bad' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: '*, https://site.example.ca' }, /CORS_ORIGINS must be either "\*" alone/],
    [{ PATHFINDER_SEARCH_RATE_LIMIT: 'lots' }, /PATHFINDER_SEARCH_RATE_LIMIT must be a whole number/],
    [{ PATHFINDER_APPLY_RATE_LIMIT: '-1' }, /PATHFINDER_APPLY_RATE_LIMIT must be a whole number/],
    [{ SESSION_TTL_DAYS: '0' }, /SESSION_TTL_DAYS must be between 1 and 365/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as { code: string }).code).toBe('PF_ERR_CONFIG');
    }
  });

  it('reads an optional read replica beside the primary', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/pf' }).databaseReadUrl).toBeUndefined();
    const c = loadConfig({ DATABASE_URL: 'postgres://db/pf', DATABASE_READ_URL: ' postgresql://replica:5433/pf ' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://db/pf', databaseReadUrl: 'postgresql://replica:5433/pf' });
  });

  it('reads plugin lists and trims the public URL', () => {
    const c = loadConfig({ PATHFINDER_PLUGINS: ' @acme/plugin-a, ./local ', PUBLIC_URL: 'https://jobs.example.ca/' });
    expect(c.extraPlugins).toEqual(['@acme/plugin-a', './local']);
    expect(c.publicUrl).toBe('https://jobs.example.ca');
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, so X-Forwarded-For cannot choose the client IP', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY must be/);
  });
});

describe('PATHFINDER_ALLOWED_PRIVATE_HOSTS', () => {
  it('allows no private host by default, reads a comma-separated list, and names a bad entry', () => {
    expect(loadConfig({}).allowedPrivateHosts).toEqual([]);
    expect(loadConfig({ PATHFINDER_ALLOWED_PRIVATE_HOSTS: ' mirror.internal, 127.0.0.1:8080 ,10.0.0.0/8,[::1]:9000' }).allowedPrivateHosts)
      .toEqual(['mirror.internal', '127.0.0.1:8080', '10.0.0.0/8', '[::1]:9000']);
    expect(() => loadConfig({ PATHFINDER_ALLOWED_PRIVATE_HOSTS: 'mirror.internal,http://10.0.0.1/' }))
      .toThrow(/PATHFINDER_ALLOWED_PRIVATE_HOSTS must be .*"http:\/\/10\.0\.0\.1\/"/);
  });
});
describe('CORS_ORIGINS defaults', () => {
  it('trusts http://localhost:3000 (a dev site) only when PUBLIC_URL is local', () => {
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8000' }).corsOrigins).toEqual(['http://127.0.0.1:8000', 'http://localhost:3000']);
    expect(loadConfig({ PUBLIC_URL: 'https://jobs.example.ca' }).corsOrigins).toEqual(['https://jobs.example.ca']);
    expect(loadConfig({ PUBLIC_URL: 'http://jobs.internal.example' }).corsOrigins).toEqual(['http://jobs.internal.example']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });
});

describe('rate limits', () => {
  it('default to 120 searches and 60 apply redirects a minute; 0 turns one off', () => {
    expect(loadConfig({})).toMatchObject({ searchRateLimitPerMinute: 120, applyRateLimitPerMinute: 60 });
    expect(loadConfig({ PATHFINDER_SEARCH_RATE_LIMIT: '0', PATHFINDER_APPLY_RATE_LIMIT: '5' })).toMatchObject({ searchRateLimitPerMinute: 0, applyRateLimitPerMinute: 5 });
  });
});

describe('search concurrency', () => {
  it('defaults to twice the CPUs (at least 2) and refuses 0', () => {
    expect(loadConfig({}).searchConcurrency).toBe(Math.max(2, 2 * os.availableParallelism()));
    expect(loadConfig({ PATHFINDER_SEARCH_CONCURRENCY: '3' }).searchConcurrency).toBe(3);
    expect(() => loadConfig({ PATHFINDER_SEARCH_CONCURRENCY: '0' })).toThrow(/PATHFINDER_SEARCH_CONCURRENCY must be between 1 and 1000/);
  });
});

describe('configWarnings', () => {
  it('warns once when HOST listens beyond loopback and PUBLIC_URL is not https', () => {
    const [warning, ...rest] = configWarnings(loadConfig({ HOST: '0.0.0.0' }));
    expect(rest).toEqual([]);
    expect(warning).toMatch(/HOST=0\.0\.0\.0 .*PUBLIC_URL \(http:\/\/localhost:8000\) is not https/);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://jobs.example.ca' }))).toEqual([]);
    expect(configWarnings(loadConfig({}))).toEqual([]);
    expect(configWarnings(loadConfig({ HOST: '::1' }))).toEqual([]);
  });

  it.each([['localhost', true], ['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true], ['0.0.0.0', false], ['::', false], ['10.0.0.5', false], ['example.ca', false]])(
    'isLoopbackHost(%s) is %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback),
  );
});
