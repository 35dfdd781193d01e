#!/usr/bin/env node
// `npm run build:app`: compiles the workspace for `npm start` unless it is fresh (see app-build.js).
// `--tolerant` (the root `prepare` script, so on `npm install`/`npm ci`): a failed build is reported
// and the install goes on; `npm start` then tries again, and runs from source if it fails again.
// `--force` rebuilds even when fresh.
import { ensureAppBuilt } from './app-build.js';

const tolerant = process.argv.includes('--tolerant');
try {
  const outcome = await ensureAppBuilt({ force: process.argv.includes('--force'), log: (line) => console.error(`[pathfinder] ${line}`) });
  if (outcome === 'fresh') console.error('[pathfinder] the server build is fresh');
} catch (error) {
  console.error(`[pathfinder] ${error.message}`);
  if (!tolerant) process.exit(1);
  console.error('[pathfinder] the server build failed; `npm start` will run the TypeScript sources (slower to start, more memory)');
}
