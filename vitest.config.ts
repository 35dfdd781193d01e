import fs from 'node:fs';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The site's browser suite drives Debian's Chromium; without it, it is left out with one line saying how to run it.
const CHROMIUM = '/usr/bin/chromium';
const browserTests = fs.existsSync(CHROMIUM);
if (!browserTests && !process.env.VITEST_WORKER_ID) {
  console.log(`browser tests skipped: ${CHROMIUM} not found (install it with \`apt-get install -y chromium\` to run server/test-browser)`);
}

// One run covers every package. Test files are isolated by process (forks) and, for the
// database, by a database of their own cloned from a migrated template (see core/src/testing).
// Workspace packages resolve to their TypeScript sources through the "@pathfinder/source" export
// condition (their dist/ exists only in packed tarballs; see docs/sdk-versioning.md).
const conditions = ['@pathfinder/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'sdk/test/**/*.test.ts',
      'core/test/**/*.test.ts',
      'server/test/**/*.test.ts',
      'plugins/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      ...(browserTests ? ['server/test-browser/**/*.test.ts'] : []),
    ],
    globalSetup: ['./core/src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
