import fs from 'node:fs/promises';
import path from 'node:path';
import { offlineLock, type LocalPackage } from './offline-lock.js';
import { runOk } from './run.js';

/**
 * `npm pack` of workspaces (their prepack builds dist/) into `dest`; returns the tarballs' file names
 * in the order asked.
 */
export async function packWorkspaces(repo: string, workspaces: string[], dest: string): Promise<string[]> {
  const out = await runOk('npm', ['pack', '--json', '--pack-destination', dest, ...workspaces.flatMap((w) => ['-w', w])], { cwd: repo });
  // prepack's tsc output may precede npm's JSON.
  const packed = JSON.parse(out.slice(out.indexOf('[\n'))) as { name: string; filename: string }[];
  return workspaces.map((w) => packed.find((p) => p.name === w)!.filename);
}

/**
 * A project in `dir` (outside the workspace) that depends on the given tarballs, installed with
 * `npm ci --offline`: its lock copies the workspace's versions and integrity (see offline-lock.ts),
 * so npm takes everything from the cache the workspace's own install filled.
 */
export async function installProject(repo: string, dir: string, packages: LocalPackage[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const { lock, dependencies } = await offlineLock(repo, packages);
  await fs.writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  await runOk('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });
}
