// Builds the site (server/site → server/site/dist) unless it is already built from these sources.
// Runs on `npm install` (the root `prepare` script) and by hand: `npm run build:site [-- --force]`.
import { ensureSiteBuilt } from '../src/site/build-site.js';

const force = process.argv.includes('--force');
try {
  const result = await ensureSiteBuilt({ force, log: (line) => process.stderr.write(`[site] ${line}\n`) });
  if (result === 'fresh') process.stderr.write('[site] already built from these sources\n');
} catch (error) {
  // An install must not fail because of the site: `pathfinder start` tries the build again.
  process.stderr.write(`[site] build failed: ${(error as Error).message}\n`);
  if (!process.argv.includes('--tolerant')) process.exitCode = 1;
}
