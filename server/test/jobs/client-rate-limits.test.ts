import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig, useTestApp } from '../helpers.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '@pathfinder/core';
import { posting, seedJobs, seedSource } from './seed-jobs.js';

// The production defaults (60 apply redirects and 120 searches a minute per client address); other test files run without them.
const defaults = loadConfig({});
const t = useTestApp({ config: { searchRateLimitPerMinute: defaults.searchRateLimitPerMinute, applyRateLimitPerMinute: defaults.applyRateLimitPerMinute } });
let jobId: string;

beforeAll(async () => {
  const source = await seedSource(t.app);
  [jobId] = (await seedJobs(t.app, source, [posting({ originalUrl: 'https://apply.example.com/job/1' })])) as [string];
});

/** Sends `count` requests one after another from one address; returns the answers in order. */
async function burst<R>(count: number, request: () => Promise<R>): Promise<R[]> {
  const answers: R[] = [];
  for (let i = 0; i < count; i++) answers.push(await request());
  return answers;
}

/** A burst meets 429s with Retry-After once past the limit (a window may end during it: then at most twice the limit passes). */
function expectLimited(answers: { statusCode: number; headers: Record<string, unknown> }[], okStatus: number, limit: number) {
  expect(answers.slice(0, limit).every((a) => a.statusCode === okStatus)).toBe(true);
  const refused = answers.filter((a) => a.statusCode === 429);
  expect(refused.length).toBeGreaterThanOrEqual(answers.length - 2 * limit);
  expect(refused.length).toBeGreaterThan(0);
  for (const a of refused) {
    const retryAfter = Number(a.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  expect(answers.every((a) => a.statusCode === okStatus || a.statusCode === 429)).toBe(true);
}

describe('per-client rate limits', () => {
  it('the defaults are 60 apply redirects and 120 searches a minute', () => {
    expect(defaults).toMatchObject({ applyRateLimitPerMinute: 60, searchRateLimitPerMinute: 120 });
  });

  it('a burst of 150 apply redirects from one client meets 429s with Retry-After after 60', async () => {
    const answers = await burst(150, () => t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/apply`, remoteAddress: '203.0.113.10' }));
    expectLimited(answers, 302, 60);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(refused.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'PF_ERR_RATE_LIMITED' });
    // Another client is not held back by the first.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/apply`, remoteAddress: '203.0.113.11' })).statusCode).toBe(302);
  });

  it('a burst of 150 searches from one client meets 429s after 120, cached answers included', async () => {
    // The same URL every time: the cache's fast path answers most of them, and is limited all the same.
    const answers = await burst(150, () => t.app.inject({ method: 'GET', url: '/api/v1/jobs?q=developer', remoteAddress: '203.0.113.20' }));
    expectLimited(answers, 200, 120);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/search', payload: {}, remoteAddress: '203.0.113.20' });
    // Still inside the same minute (or just past it): POST shares the count.
    expect([200, 429]).toContain(post.statusCode);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs', remoteAddress: '203.0.113.21' })).statusCode).toBe(200);
  });
});

describe('turning a limit off', () => {
  it('0 in the configuration lets a client search and apply without a limit', async () => {
    const off = await buildApp({ config: testConfig({ searchRateLimitPerMinute: 0, applyRateLimitPerMinute: 0 }), orm: t.db.orm, logger: false });
    try {
      const searches = await burst(130, () => off.inject({ method: 'GET', url: '/api/v1/jobs', remoteAddress: '203.0.113.30' }));
      expect(searches.every((a) => a.statusCode === 200)).toBe(true);
      const applies = await burst(70, () => off.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/apply`, remoteAddress: '203.0.113.30' }));
      expect(applies.every((a) => a.statusCode === 302)).toBe(true);
    } finally {
      await off.close();
    }
  });
});
