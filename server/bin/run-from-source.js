// Runs the workspace from its TypeScript sources: tsx's loader compiles .ts on the fly (cached),
// and the "@pathfinder/source" export condition sends @pathfinder/sdk and the plugins to src/
// (their dist/ exists only in packed tarballs). Imported first by bin/pathfinder.js and by worker
// threads; scripts run with `tsx --conditions=@pathfinder/source`.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// Registered after tsx, so it runs first and tsx's resolver already sees the condition.
registerHooks('./source-condition-hooks.js', import.meta.url);
