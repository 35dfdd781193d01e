/**
 * `pathfinder create-plugin`: writes a new source plugin package from the templates in
 * `./templates` — a manifest, a crawl that parses a sample listing page, that page as a fixture,
 * and a test that passes as generated.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginPackageJson } from './package-json.js';
import { assertPluginId, classNameFromId, displayNameFromId, packageNameFor, scheduleMinuteFor } from './plugin-names.js';
import { renderTemplate, tsString } from './render-template.js';
import { ScaffoldError } from './scaffold-error.js';

const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/** The repository's `plugins/` folder (the engine loads every plugin package in it). */
export const REPO_PLUGINS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');

export const DEFAULT_BASE_URL = 'https://jobs.example.com';

export interface ScaffoldOptions {
  /** The source id (`/^[a-z][a-z0-9-]{1,39}$/`), not used by a plugin of `pluginsDir` yet. */
  id: string;
  /** Where to write; default `<pluginsDir>/<id>`. It must not exist, or be an empty folder. */
  dir?: string;
  /** `workspace` (a plugin of this repository) unless `dir` is given, then `standalone` (a third-party package). */
  layout?: 'workspace' | 'standalone';
  /** Display name; default from the id (`maple-jobs` → `Maple Jobs`). */
  name?: string;
  /** The site's http(s) origin, with an optional path; default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** The repository's plugins folder, whose ids are taken; default {@link REPO_PLUGINS_DIR}. */
  pluginsDir?: string;
}

export interface ScaffoldResult {
  id: string;
  name: string;
  packageName: string;
  layout: 'workspace' | 'standalone';
  /** Absolute path of the new package. */
  dir: string;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
}

/**
 * Scaffolds a plugin package. Refuses (`ScaffoldError`, nothing written) a bad id, an id a plugin
 * of `pluginsDir` already uses, a target that exists and is not an empty folder, a bad name or URL.
 *
 * @example
 * ```ts
 * const r = await scaffoldPlugin({ id: 'maple-jobs', name: 'Maple Jobs', baseUrl: 'https://jobs.maple.ca' });
 * r.dir;   // '<repo>/plugins/maple-jobs'
 * r.files; // ['README.md', 'package.json', 'src/config.ts', 'src/crawl.ts', ...]
 * ```
 */
export async function scaffoldPlugin(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { id } = options;
  assertPluginId(id);
  const pluginsDir = options.pluginsDir ?? REPO_PLUGINS_DIR;
  const layout = options.layout ?? (options.dir === undefined ? 'workspace' : 'standalone');
  const dir = path.resolve(options.dir ?? path.join(pluginsDir, id));
  const name = checkName(options.name ?? displayNameFromId(id));
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);

  await assertIdFree(id, pluginsDir);
  const existedEmpty = await assertWritable(dir);

  const packageName = packageNameFor(id, layout);
  const tokens = templateTokens({ id, name, baseUrl, packageName, layout, dir });
  const files = new Map<string, string>();
  for (const group of layout === 'standalone' ? ['common', 'standalone'] : ['common']) {
    for (const rel of await listFiles(path.join(TEMPLATES_DIR, group))) {
      const text = await fs.readFile(path.join(TEMPLATES_DIR, group, rel), 'utf8');
      files.set(outputPath(rel, tokens), renderTemplate(text, tokens));
    }
  }
  files.set('package.json', `${JSON.stringify(pluginPackageJson({ layout, packageName, name }), null, 2)}\n`);

  try {
    for (const [rel, text] of files) {
      const target = path.join(dir, rel);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // 'wx': never overwrite, even if something appeared since the check.
      await fs.writeFile(target, text, { flag: 'wx' });
    }
  } catch (error) {
    // Leave nothing half-written behind.
    if (existedEmpty) {
      for (const entry of await fs.readdir(dir)) await fs.rm(path.join(dir, entry), { recursive: true, force: true });
    } else {
      await fs.rm(dir, { recursive: true, force: true });
    }
    throw error;
  }
  return { id, name, packageName, layout, dir, files: [...files.keys()].sort() };
}

function templateTokens(o: { id: string; name: string; baseUrl: string; packageName: string; layout: 'workspace' | 'standalone'; dir: string }): Record<string, string> {
  const folder = o.layout === 'workspace' ? `plugins/${o.id}` : path.relative(process.cwd(), o.dir) || '.';
  return {
    id: o.id,
    name: o.name,
    nameLiteral: tsString(o.name),
    className: classNameFromId(o.id),
    packageName: o.packageName,
    baseUrl: o.baseUrl,
    baseUrlLiteral: tsString(o.baseUrl),
    descriptionLiteral: tsString(`Job postings from ${o.name}`),
    scheduleMinute: String(scheduleMinuteFor(o.id)),
    testCommand: o.layout === 'workspace' ? `npx vitest run ${folder}` : 'npm test            # vitest\nnpm run typecheck   # tsc --noEmit',
    enableSection: o.layout === 'workspace' ? workspaceEnableSection(o.id, folder) : standaloneEnableSection(o.packageName),
  };
}

function workspaceEnableSection(id: string, folder: string): string {
  return [
    '## Enabling it',
    '',
    'The engine loads every folder of `plugins/` whose package.json declares',
    '`"pathfinder": {"source": …}`: `npx pathfinder plugins list` shows `' + id + '`. A dry run',
    'against the recorded pages:',
    '',
    '```sh',
    `npx pathfinder serve-fixtures ${folder}/test/fixtures/site   # prints the origin`,
    `npx pathfinder crawl ${id} --dry-run --base-url <that origin>`,
    '```',
    '',
  ].join('\n');
}

function standaloneEnableSection(packageName: string): string {
  return [
    '## Publishing and enabling it',
    '',
    'Bump `version` in package.json (semver), then `npm publish`. The manifest\'s `sdk` range',
    '(`^1.0.0`) says which SDK versions the plugin works with; the engine refuses to load it',
    'under an SDK outside that range. An admin installs the package beside Pathfinder and names',
    'it in `PATHFINDER_PLUGINS` (comma-separated npm names or paths):',
    '',
    '```sh',
    `npm install ${packageName}`,
    `PATHFINDER_PLUGINS=${packageName} npx pathfinder plugins list`,
    '```',
    '',
  ].join('\n');
}

/** `src/index.ts.tpl` → `src/index.ts`, `test/{{id}}.test.ts.tpl` → `test/maple.test.ts`, `gitignore.tpl` → `.gitignore`. */
function outputPath(rel: string, tokens: Record<string, string>): string {
  const out = renderTemplate(rel.replace(/\.tpl$/, ''), tokens).split(path.sep).join('/');
  // npm drops files named .gitignore from published packages, so the template has no dot.
  return out === 'gitignore' ? '.gitignore' : out;
}

async function listFiles(root: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, sub), { withFileTypes: true })) {
    const rel = path.join(sub, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex
  if (!trimmed || trimmed.length > 200 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ScaffoldError('invalid-option', `--name must be 1 to 200 characters on one line, got ${JSON.stringify(name)}`);
  }
  return trimmed;
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ScaffoldError('invalid-option', `--base-url must be an http(s) URL, got "${value}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ScaffoldError('invalid-option', `--base-url must be an http(s) origin with an optional path (no query, fragment or credentials), got "${value}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** An id is taken when a package of `plugins/` sits in a folder of that name or is named for it. */
async function assertIdFree(id: string, pluginsDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(pluginsDir);
  } catch {
    return; // no plugins folder (e.g. a third party outside the repository): nothing is taken
  }
  for (const entry of entries) {
    const dir = path.join(pluginsDir, entry);
    let pkgName: string | undefined;
    try {
      pkgName = (JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name ?? '';
    } catch {
      continue; // not a package
    }
    if (entry === id || pkgName === packageNameFor(id, 'workspace') || pkgName === packageNameFor(id, 'standalone')) {
      throw new ScaffoldError('id-taken', `the plugin id "${id}" is already taken by ${path.relative(process.cwd(), dir) || dir}; choose another id`);
    }
  }
}

/** Refuses an existing file or non-empty folder; returns whether the target is an existing empty folder. */
async function assertWritable(dir: string): Promise<boolean> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    return false;
  }
  const shown = path.relative(process.cwd(), dir) || dir;
  if (!stat.isDirectory()) throw new ScaffoldError('target-exists', `${shown} exists and is not a folder; nothing was written`);
  if ((await fs.readdir(dir)).length > 0) {
    throw new ScaffoldError('target-exists', `${shown} already exists and is not empty; refusing to overwrite it (nothing was written)`);
  }
  return true;
}
