// The compiled build of the workspace that `npm start` runs: @pathfinder/sdk, the plugins, the
// engine (core) and the server, each compiled by `tsc -b` from src/ to its dist/ (project references:
// server → core → sdk, plugins → sdk). Plain JavaScript: the launcher (pathfinder.js) asks
// `buildState()` before anything else is loaded, so this file must not need a TypeScript loader.
//
// Fresh means: every entry point exists and dist/ was built from exactly the current sources. The
// sources are hashed by content (like the site's build-hash.txt), so a fresh clone, a `git checkout`
// and an old tree agree, and the check costs a few tens of milliseconds, not a TypeScript start.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the build records what it was built from: `{ hash, stamp }` of its inputs. */
export const HASH_FILE = path.join(REPO, 'server/dist/.build-hash');
/** The compiled CLI that the launcher imports when the build is fresh. */
export const COMPILED_MAIN = path.join(REPO, 'server/dist/cli/main.js');

const LOCK_DIR = path.join(REPO, 'server/dist/.build-lock');
// Files tsc compiles; every other file under a src/ folder (templates, thread entries, the MJML
// and Handlebars sources, the migrations snapshot) is copied beside the output as is.
const COMPILED = /\.(ts|tsx|mts|cts)$/;

function pluginDirs() {
  const dir = path.join(REPO, 'plugins');
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'tsconfig.build.json')))
    .map((e) => `plugins/${e.name}`)
    .sort();
}

/** The packages built, in dependency order, as folders relative to the repository. */
export function packages() {
  return ['sdk', ...pluginDirs(), 'core', 'server'];
}

function listFiles(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else out.push(full);
  }
  return out;
}

/** Every input of the build: each package's src/, package.json and tsconfig.build.json, the root tsconfig and this file. */
function inputFiles() {
  const files = [path.join(REPO, 'tsconfig.json'), fileURLToPath(import.meta.url)];
  for (const pkg of packages()) {
    const dir = path.join(REPO, pkg);
    files.push(path.join(dir, 'package.json'), path.join(dir, 'tsconfig.build.json'), ...listFiles(path.join(dir, 'src')));
  }
  return files.sort();
}

/** A hash of the build's inputs by content: what decides freshness. */
export function appSourceHash(files = inputFiles()) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(REPO, file)).update('\0');
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * A hash of the inputs' names, sizes and modification times: when it matches the build's, no file
 * changed since and reading them all (~0.1 s) is skipped; when it does not, the contents decide.
 */
function statStamp(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = { size: -1, mtimeMs: 0 };
    }
    hash.update(`${path.relative(REPO, file)}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** The entry points a working build has (a deleted dist/ of one package makes the build stale). */
function entryPoints() {
  return [COMPILED_MAIN, ...packages().filter((p) => p !== 'server').map((p) => path.join(REPO, p, 'dist/index.js'))];
}

function readRecord() {
  try {
    return JSON.parse(fs.readFileSync(HASH_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * `fresh` when dist/ matches the sources, `stale` when it was built from other sources, `missing`
 * when there is no complete build.
 */
export function buildState() {
  if (!entryPoints().every((file) => fs.existsSync(file))) return 'missing';
  const built = readRecord();
  if (typeof built?.hash !== 'string') return 'missing';
  const files = inputFiles();
  if (built.stamp === statStamp(files)) return 'fresh';
  return built.hash === appSourceHash(files) ? 'fresh' : 'stale';
}

function copyAssets(pkg) {
  const src = path.join(REPO, pkg, 'src');
  const dist = path.join(REPO, pkg, 'dist');
  for (const file of listFiles(src)) {
    if (COMPILED.test(file)) continue;
    const target = path.join(dist, path.relative(src, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

function runTsc(args) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsc, ...args], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tsc -b failed:\n${`${stdout}${stderr}`.trim()}`));
      else resolve();
    });
  });
}

/** Takes the build lock (a directory: mkdir is atomic), waiting while another process builds. */
async function withLock(fn) {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(LOCK_DIR).mtimeMs;
      } catch {}
      // A lock older than the longest build was left by a killed process.
      if (age > 300_000 || Date.now() > deadline) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Builds every package unless the build is fresh: `tsc -b` (incremental: a small change rebuilds
 * in seconds), then the non-TypeScript files of each src/ beside the output, then the hash. Throws
 * with tsc's output when the build fails (the hash is then not written: the build stays stale).
 *
 * @returns `fresh` (nothing to do) or `built`.
 */
export async function ensureAppBuilt(options = {}) {
  if (!options.force && buildState() === 'fresh') return 'fresh';
  return withLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (!options.force && buildState() === 'fresh') return 'fresh';
    const files = inputFiles();
    const record = { hash: appSourceHash(files), stamp: statStamp(files) };
    const started = Date.now();
    options.log?.('building the server (tsc -b)…');
    fs.rmSync(HASH_FILE, { force: true });
    await runTsc(['-b', ...packages().map((p) => `${p}/tsconfig.build.json`)]);
    // The SDK and the plugins have no such files (their published dist/ is tsc's output alone).
    for (const pkg of ['core', 'server']) copyAssets(pkg);
    fs.writeFileSync(HASH_FILE, `${JSON.stringify(record)}\n`);
    options.log?.(`server built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 'built';
  });
}
