import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type PathfinderConfig } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { buildApp, type BuildAppOptions } from '../src/app.js';

/**
 * A config for tests: defaults, a throwaway data folder, and any overrides. The per-client search and
 * apply limits are off (every inject comes from one address, and many files search hundreds of
 * times); `test/jobs/client-rate-limits.test.ts` turns them on with the production defaults.
 */
export function testConfig(overrides: Partial<PathfinderConfig> = {}): PathfinderConfig {
  return {
    ...loadConfig({ PATHFINDER_DATA_DIR: '/tmp/pathfinder-test-data', PUBLIC_URL: 'http://localhost:8000' }),
    searchRateLimitPerMinute: 0,
    applyRateLimitPerMinute: 0,
    ...overrides,
  };
}

/**
 * The calling file gets its own database and an app built on it (no socket: use `inject`).
 *
 * @example
 * const t = useTestApp();
 * it('answers', async () => expect((await t.app.inject('/health')).statusCode).toBe(200));
 */
export function useTestApp(options: { config?: Partial<PathfinderConfig>; services?: BuildAppOptions['services']; beforeReady?: (app: FastifyInstance) => void } = {}) {
  const db = useTestDatabase();
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(options.config), orm: db.orm, logger: false, services: options.services });
    options.beforeReady?.(app);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    db,
    get app(): FastifyInstance {
      if (!app) throw new Error('useTestApp(): the app is ready only inside tests');
      return app;
    },
  };
}
