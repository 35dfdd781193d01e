// Which code `pathfinder` runs: the compiled build or the TypeScript sources (see pathfinder.js).
import { pathToFileURL } from 'node:url';
import { buildState, COMPILED_MAIN, ensureAppBuilt } from './app-build.js';

/** Commands that keep a process running: worth a compiled start (time and memory). */
const SERVER_COMMANDS = new Set(['start', 'serve', 'worker']);

const log = (line) => process.stderr.write(`[pathfinder] ${line}\n`);

async function fromSource() {
  await import('./run-from-source.js');
  return new URL('../src/cli/main.ts', import.meta.url).href;
}

/**
 * The URL of the CLI's main module for these arguments, after registering the TypeScript loader
 * when the sources are what runs. Builds first when `npm start` finds the build stale.
 */
export async function chooseEntry(argv) {
  if (!SERVER_COMMANDS.has(argv[0]) || process.env.PATHFINDER_FROM_SOURCE === '1') return fromSource();
  let state = buildState();
  if (state === 'fresh') return pathToFileURL(COMPILED_MAIN).href;
  // Only `npm start` builds: a developer's `npx pathfinder serve` and the tests must not wait for tsc.
  if (process.env.npm_lifecycle_event === 'start') {
    try {
      log(state === 'missing' ? 'no server build yet' : 'the sources changed since the server build');
      await ensureAppBuilt({ log });
      state = 'fresh';
    } catch (error) {
      log(`${error.message.split('\n')[0]} (see \`npm run build:app\`); running the TypeScript sources instead`);
    }
    if (state === 'fresh') return pathToFileURL(COMPILED_MAIN).href;
  }
  return fromSource();
}
