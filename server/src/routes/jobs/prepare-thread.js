// Entry of a job-preparation worker thread (see prepare-pool.ts). The server is TypeScript run in
// place, so the thread registers tsx's loader first, as bin/pathfinder.js does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-task.ts');
