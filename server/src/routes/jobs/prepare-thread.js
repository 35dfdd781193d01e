// Entry of a job-preparation worker thread (see prepare-pool.ts). The server is TypeScript run in
// place, so the thread registers the same loader and export condition as bin/pathfinder.js first.
import '../../../bin/run-from-source.js';

await import('./prepare-task.ts');
