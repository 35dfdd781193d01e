#!/usr/bin/env node
// The CLI is TypeScript run in place: tsx's loader compiles it on the fly (cached), so there is no
// build step between `npm install` and `npx pathfinder`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
