import fs from 'node:fs/promises';
import path from 'node:path';

/** One entry of package-lock.json's `packages`. */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface LocalPackage {
  /** Its path in the workspace lock (`sdk`, `plugins/civicjobs`). */
  workspacePath: string;
  name: string;
  /** The packed tarball, as a path relative to the temporary project (`../sdk.tgz`). */
  tarball: string;
}

/** Where `name` resolves from the lock location `from`, Node's way: nearest node_modules upwards. */
function resolveIn(lock: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock[candidate] && !lock[candidate].link) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at >= 0 ? dir.slice(0, at) : dir.startsWith('node_modules/') || !dir.includes('/') ? '' : dir.slice(0, dir.lastIndexOf('/'));
  }
}

/**
 * A package-lock.json for a temporary project that installs the packed tarballs: the tarballs as
 * `file:` entries and, copied from the workspace's own lock, every package their runtime
 * dependencies need, at the same versions and integrity. `npm ci --offline` then installs it from the
 * npm cache that installed the workspace: no registry request (a plain `npm install <tarball>`
 * would fetch each dependency's metadata).
 */
export async function offlineLock(
  workspaceRoot: string,
  packages: LocalPackage[],
): Promise<{ lock: unknown; dependencies: Record<string, string> }> {
  const root = JSON.parse(await fs.readFile(path.join(workspaceRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const lock = root.packages;
  const out: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};
  // Workspace locations map onto node_modules/<name> in the temporary project.
  const moved = new Map(packages.map((p) => [p.workspacePath, `node_modules/${p.name}`]));
  const relocate = (loc: string) => {
    for (const [from, to] of moved) if (loc === from || loc.startsWith(`${from}/`)) return to + loc.slice(from.length);
    return loc;
  };
  const queue: string[] = [];
  for (const p of packages) {
    const entry = lock[p.workspacePath];
    if (!entry) throw new Error(`${p.workspacePath} is not in the workspace lock`);
    dependencies[p.name] = `file:${p.tarball}`;
    const { dev, devOptional, link, ...rest } = entry;
    out[`node_modules/${p.name}`] = { ...rest, name: undefined, resolved: `file:${p.tarball}`, integrity: undefined };
    queue.push(p.workspacePath);
  }
  const seen = new Set(queue);
  while (queue.length) {
    const from = queue.shift()!;
    const entry = lock[from]!;
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const name of Object.keys(wanted)) {
      if (packages.some((p) => p.name === name)) continue;
      const at = resolveIn(lock, from, name);
      if (!at) {
        if (entry.peerDependenciesMeta?.[name]?.optional || entry.optionalDependencies?.[name]) continue;
        throw new Error(`${name} (needed by ${from || 'the root'}) is not in the workspace lock`);
      }
      // Peers a packed package asks for are direct dependencies of the project, as npm would add them.
      if (packages.some((p) => p.workspacePath === from) && entry.peerDependencies?.[name]) dependencies[name] = lock[at]!.version!;
      if (seen.has(at)) continue;
      seen.add(at);
      const { dev, devOptional, peer, ...rest } = lock[at]!;
      out[relocate(at)] = rest;
      queue.push(at);
    }
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return {
    dependencies,
    lock: { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'consumer', version: '1.0.0', dependencies }, ...sorted } },
  };
}
