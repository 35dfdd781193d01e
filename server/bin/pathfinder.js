#!/usr/bin/env node
// The `pathfinder` CLI. The long-running commands (start, serve, worker) run the compiled build
// (dist/, see app-build.js) when it matches the sources: no TypeScript loader in the process, a
// faster start and less memory. `npm start` builds it first when the sources changed; when the
// build is missing or stale and cannot be built, and for every other command (developer tools:
// crawl, plugins, create-plugin, migrate, …), the TypeScript sources run in place (run-from-source.js),
// so an edit needs no build. PATHFINDER_FROM_SOURCE=1 always runs the sources.
import { chooseEntry } from './launch.js';

await import(await chooseEntry(process.argv.slice(2)));
