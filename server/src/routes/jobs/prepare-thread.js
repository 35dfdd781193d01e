// Entry of a job-preparation worker thread (see prepare-pool.ts). Plain JavaScript, copied as is
// beside the compiled prepare-task.js by the build (server/bin/app-build.js): there the thread
// loads compiled code and no TypeScript loader. Run from src/, it registers the same loader and
// export condition as bin/pathfinder.js first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./prepare-task.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  await import('../../../bin/run-from-source.js');
  await import('./prepare-task.ts');
}
