import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { declaresPlugin, loadConfig, loadPlugins } from '@pathfinder/core';
import { formatTable } from '../format-table.js';
import { pluginOrigin } from '../plugin-origin.js';

function npmInstall(spec: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // npm's own output goes to stderr (stdout is ours, e.g. --json): its warnings and errors are npm's to explain.
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', spec], { cwd, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The name npm recorded for what it just installed: the dependency that is new or changed. */
async function installedNames(cwd: string, before: Record<string, string>): Promise<string[]> {
  const pkg = JSON.parse(await fs.readFile(path.join(cwd, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.entries(pkg.dependencies ?? {}).filter(([name, spec]) => before[name] !== spec).map(([name]) => name);
}

/**
 * `plugins add <package>`: `npm install <package>` in the current project, then load the plugins and
 * show the one(s) that package brought. Exit 1 when npm fails or the package is not a loadable plugin.
 */
export async function runPluginsAdd(spec: string, json: boolean): Promise<number> {
  const cwd = process.cwd();
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const manifest = path.join(cwd, 'package.json');
  const before = await fs
    .readFile(manifest, 'utf8')
    .then((t) => (JSON.parse(t) as { dependencies?: Record<string, string> }).dependencies ?? {})
    .catch(() => undefined);
  if (!before) {
    err(`no package.json in ${cwd}: run \`pathfinder plugins add\` from the folder Pathfinder is installed in`);
    return 1;
  }
  const code = await npmInstall(spec, cwd);
  if (code !== 0) {
    err(`npm install ${spec} failed (exit ${code})`);
    return 1;
  }
  const names = await installedNames(cwd, before);
  for (const name of names) {
    const pkg = JSON.parse(await fs.readFile(path.join(cwd, 'node_modules', name, 'package.json'), 'utf8')) as Parameters<typeof declaresPlugin>[0];
    if (!declaresPlugin(pkg)) err(`${name} is installed but is not a Pathfinder plugin (no "pathfinder-plugin" keyword or "pathfinder.source" field)`);
  }
  const registry = await loadPlugins({ extra: loadConfig().extraPlugins, cwd });
  const added = registry.plugins.filter((p) => names.includes(p.package.packageName));
  for (const problem of registry.problems.filter((p) => names.some((n) => p.spec.includes(n) || p.message.includes(n)))) err(`plugin not loaded: ${problem.message} [${problem.code}]`);
  if (json) {
    process.stdout.write(`${JSON.stringify({ items: added.map((p) => ({ id: p.id, name: p.definition.name, version: p.definition.version, sdkRange: p.definition.sdk, from: pluginOrigin(p.package, cwd) })) })}\n`);
  } else if (added.length) {
    process.stdout.write(formatTable(['id', 'name', 'version', 'sdk', 'from'], added.map((p) => [p.id, p.definition.name, p.definition.version, p.definition.sdk, pluginOrigin(p.package, cwd)]), 80));
  }
  return added.length ? 0 : 1;
}
