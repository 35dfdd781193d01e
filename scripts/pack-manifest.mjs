#!/usr/bin/env node
// prepack/postpack of the published workspaces (@pathfinder/sdk, plugins/*): `prepack` builds dist/
// (tsc -b) and removes the "@pathfinder/source" export conditions from package.json for the tarball;
// `postpack` puts the workspace's package.json back. Inside the workspace that condition sends tsc,
// tsx, vitest and Vite to src/ (no build while developing); a published package must not offer
// it: a consumer's tooling that happened to set it would load TypeScript sources from node_modules.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const CONDITION = '@pathfinder/source';
const BACKUP = '.package.workspace.json';
const action = process.argv[2];

function withoutCondition(value) {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== CONDITION).map(([key, v]) => [key, withoutCondition(v)]));
}

if (action === 'prepack') {
  // A pack that died before postpack left the workspace manifest aside: put it back first.
  if (fs.existsSync(BACKUP)) fs.renameSync(BACKUP, 'package.json');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
  const text = fs.readFileSync('package.json', 'utf8');
  const pkg = JSON.parse(text);
  fs.writeFileSync(BACKUP, text);
  fs.writeFileSync('package.json', `${JSON.stringify({ ...pkg, exports: withoutCondition(pkg.exports) }, null, 2)}\n`);
} else if (action === 'postpack') {
  if (fs.existsSync(BACKUP)) fs.renameSync(BACKUP, 'package.json');
} else {
  console.error(`usage: ${path.basename(process.argv[1])} prepack|postpack (in the package's folder)`);
  process.exit(2);
}
