#!/usr/bin/env node
// The CLI is TypeScript run in place (see run-from-source.js), so there is no build step between
// `npm install` and `npx pathfinder`.
import './run-from-source.js';

await import('../src/cli/main.ts');
