import { defineConfig } from 'vitest/config';

// One run covers every package. Test files are isolated by process (forks) and, for the
// database, by a database of their own cloned from a migrated template (see core/src/testing).
export default defineConfig({
  test: {
    include: [
      'sdk/test/**/*.test.ts',
      'core/test/**/*.test.ts',
      'server/test/**/*.test.ts',
      'plugins/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    globalSetup: ['./core/src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
