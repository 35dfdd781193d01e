import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CLIENT_DIR, SITE_DIR, SITE_DIST_DIR } from './site-paths.js';

const HASH_FILE = 'build-hash.txt';
const LOCK_DIR = path.join(SITE_DIR, '.build-lock');
const SKIP = new Set(['dist', 'node_modules', '.build-lock']);

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

/** A hash of every input of the build (the site's sources and the typed client), by content, so a fresh clone and an old checkout agree. */
export async function siteSourceHash(): Promise<string> {
  const files = [...(await listFiles(SITE_DIR)), ...(await listFiles(CLIENT_DIR))].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(SITE_DIR, file)).update('\0').update(await fs.readFile(file)).update('\0');
  return hash.digest('hex');
}

async function builtHash(): Promise<string | null> {
  try {
    await fs.access(path.join(SITE_DIST_DIR, 'index.html'));
    return (await fs.readFile(path.join(SITE_DIST_DIR, HASH_FILE), 'utf8')).trim();
  } catch {
    return null;
  }
}

/** Takes the build lock (a directory: mkdir is atomic), waiting while another process builds. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await fs.mkdir(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await fs.stat(LOCK_DIR).then((s) => s.mtimeMs, () => Date.now()));
      // A lock older than the longest build is left by a killed process.
      if (age > 180_000 || Date.now() > deadline) await fs.rm(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Builds the site with Vite unless `dist/` was built from exactly the current sources. Called on
 * `npm install` (the root `prepare` script) and at `pathfinder start`, so a newcomer never runs a build
 * by hand, and by tests that serve the site. Returns what it did.
 *
 * @example
 * await ensureSiteBuilt({ log: console.error }); // 'fresh' | 'built'
 */
export async function ensureSiteBuilt(options: { log?: (line: string) => void; force?: boolean } = {}): Promise<'fresh' | 'built'> {
  const wanted = await siteSourceHash();
  if (!options.force && (await builtHash()) === wanted) return 'fresh';
  return withLock(async () => {
    // Another process may have built it while we waited for the lock.
    if (!options.force && (await builtHash()) === wanted) return 'fresh';
    options.log?.('building the site (vite build)…');
    const started = Date.now();
    const { build } = await import('vite');
    // Always React's production build: Vite follows NODE_ENV, and vitest (NODE_ENV=test) builds the
    // site for the browser tests; the development build (StrictMode's doubled effects and requests,
    // more bytes) would then be the dist/ that `npm start` and the benchmark serve as well.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: SITE_DIR, configFile: path.join(SITE_DIR, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    await fs.writeFile(path.join(SITE_DIST_DIR, HASH_FILE), wanted + '\n');
    options.log?.(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 'built';
  });
}
