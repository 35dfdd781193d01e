/**
 * The published packages, as a stranger gets them: `npm pack` of @pathfinder/sdk and of the CivicJobs
 * plugin (their prepack builds dist/), installed with npm into a project in the system's temporary
 * folder, outside the workspace (offline: from the npm cache; see support/offline-lock.ts). Then:
 * examples/embed-sdk's crawl as plain `node crawl.mjs` (no TypeScript loader) against recorded
 * pages; a TypeScript consumer typechecked under moduleResolution node16 and bundler; publint and
 * arethetypeswrong on both tarballs; the engine loading the compiled plugin from node_modules by its
 * keyword, and refusing packed plugins built for another SDK major or broken on import.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { loadPlugins } from '@pathfinder/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProject, packWorkspaces } from './support/packed-project.js';
import { packPluginPackage } from './support/plugin-package.js';
import { run, runOk } from './support/run.js';
import { useTestApp } from '../helpers.js';
import { posting, seedJobs, seedSource } from '../jobs/seed-jobs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const bin = (name: string) => path.join(repo, 'node_modules/.bin', name);
const SLOW = 300_000;
// A listening API too: the packed client must search it from outside the workspace.
const t = useTestApp();
const db = t.db;

let tmp: string;
let project: string;
let tarballs: { sdk: string; civicjobs: string };
let site: FixtureServer;
let hello: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-packages-'));
  project = path.join(tmp, 'consumer');
  const [sdk, civicjobs] = await packWorkspaces(repo, ['@pathfinder/sdk', '@pathfinder/plugin-civicjobs'], tmp);
  tarballs = { sdk: path.join(tmp, sdk!), civicjobs: path.join(tmp, civicjobs!) };
  await installProject(repo, project, [
    { workspacePath: 'sdk', name: '@pathfinder/sdk', tarball: `../${sdk}` },
    { workspacePath: 'plugins/civicjobs', name: '@pathfinder/plugin-civicjobs', tarball: `../${civicjobs}` },
  ]);
  // Two more third-party packages, compiled JavaScript with the plugin keyword: one for SDK 2, one broken.
  const future = await packPluginPackage(tmp, { name: 'pathfinder-plugin-future', id: 'future', sdk: '^2.0.0' });
  const broken = await packPluginPackage(tmp, { name: 'pathfinder-plugin-broken', id: 'broken', broken: true });
  hello = await packPluginPackage(tmp, { name: 'pathfinder-plugin-hello', id: 'hello' });
  await runOk('npm', ['install', '--offline', '--no-audit', '--no-fund', future, broken], { cwd: project });
  site = await serveFixtures(path.join(repo, 'plugins/civicjobs/test/fixtures/site'));
}, 600_000);

afterAll(async () => {
  await site?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('the packed client', () => {
  it('searches a running server from a plain node script outside the workspace', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const source = await seedSource(t.app, { name: 'Packed Board', pluginId: 'packedboard' });
    await seedJobs(t.app, source, [posting({ title: 'Glacier Research Co-op', companyName: 'Parks Canada', province: 'AB' }), posting({ title: 'Pastry Intern' })]);
    await fs.writeFile(path.join(project, 'search.mjs'), [
      "import { createPathfinderClient } from '@pathfinder/sdk/client';",
      'const client = createPathfinderClient({ baseUrl: process.argv[2] });',
      "const { data, error } = await client.GET('/api/v1/jobs', { params: { query: { q: 'glacier' } } });",
      'if (error) { console.error(error); process.exit(1); }',
      "console.log(JSON.stringify({ total: data.total, titles: data.items.map((j) => j.title) }));",
    ].join('\n'));
    const out = await runOk(process.execPath, ['search.mjs', baseUrl], { cwd: project });
    expect(JSON.parse(out)).toEqual({ total: 1, titles: ['Glacier Research Co-op'] });
  }, SLOW);
});

describe('the packed packages', () => {
  it('ship built JavaScript, declarations and maps, and no tests', async () => {
    const list = await runOk('tar', ['-tzf', tarballs.sdk], { cwd: tmp });
    expect(list).toContain('package/dist/index.js');
    expect(list).toContain('package/dist/index.d.ts');
    expect(list).toContain('package/dist/testing/index.js.map');
    expect(list).toContain('package/dist/client/index.d.ts.map');
    expect(list).not.toMatch(/\.test\.ts|tsbuildinfo|package\/test\//);
    const plugin = await runOk('tar', ['-tzf', tarballs.civicjobs], { cwd: tmp });
    expect(plugin).toContain('package/dist/index.js');
    expect(plugin).not.toMatch(/fixtures|\.test\.ts|tsbuildinfo/);
    // Source maps point at the shipped sources.
    const map = JSON.parse(await fs.readFile(path.join(project, 'node_modules/@pathfinder/sdk/dist/index.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources).toEqual(['../src/index.ts']);
    await fs.access(path.join(project, 'node_modules/@pathfinder/sdk/src/index.ts'));
    // The workspace-only export condition is gone from the published manifests (scripts/pack-manifest.mjs).
    for (const name of ['@pathfinder/sdk', '@pathfinder/plugin-civicjobs']) {
      const manifest = JSON.parse(await fs.readFile(path.join(project, 'node_modules', name, 'package.json'), 'utf8')) as { exports: unknown };
      expect(JSON.stringify(manifest.exports)).not.toContain('@pathfinder/source');
    }
  });

  it('runs examples/embed-sdk in plain node against recorded pages', async () => {
    // The example, stripped of its types (no type-aware transform: what runs is the example's own code).
    const example = await fs.readFile(path.join(repo, 'examples/embed-sdk/crawl-to-json.ts'), 'utf8');
    const js = ts.transpileModule(example, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    await fs.writeFile(path.join(project, 'crawl.mjs'), js);
    const out = path.join(project, 'civicjobs.json');
    const result = await run(process.execPath, ['crawl.mjs', '@pathfinder/plugin-civicjobs', out,
      '--base-url', site.origin, '--map-origin', `http://www.civicjobs.ca=${site.origin}`, '--config', 'fetchDetails=false'], { cwd: project, timeout: 120_000 });
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const file = JSON.parse(await fs.readFile(out, 'utf8')) as { source: { id: string }; postings: { title: string; url: string }[]; invalid: unknown[] };
    expect(file.source.id).toBe('civicjobs');
    expect(file.invalid).toEqual([]);
    const golden = JSON.parse(await fs.readFile(path.join(repo, 'plugins/civicjobs/test/fixtures/golden.json'), 'utf8')) as { title: string }[];
    expect(file.postings.length).toBeGreaterThan(0);
    expect(golden.map((g) => g.title)).toEqual(expect.arrayContaining(file.postings.map((p) => p.title)));
  }, SLOW);

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('typecheck a TypeScript consumer under moduleResolution %s', async (name, options) => {
    await fs.copyFile(path.join(here, 'fixtures/consumer/consumer.ts'), path.join(project, 'consumer.ts'));
    const tsconfig = {
      compilerOptions: {
        ...options, target: 'es2022', strict: true, noEmit: true, lib: ['es2023'],
        // Declarations are checked where they are used (the consumer's imports), not line by line: a
        // full library check of @types/node and every dependency takes minutes and finds nothing of ours.
        skipLibCheck: true,
        // Node's types from the workspace: the consumer has no registry access to install its own.
        typeRoots: [path.join(repo, 'node_modules/@types')], types: ['node'],
      },
      files: ['consumer.ts'],
    };
    await fs.writeFile(path.join(project, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2));
    const result = await run(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`], { cwd: project });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, SLOW);

  it('pass publint and arethetypeswrong', async () => {
    for (const tarball of [tarballs.sdk, tarballs.civicjobs]) {
      const lint = await run(bin('publint'), ['run', '--strict', tarball], { cwd: tmp });
      expect(lint, lint.stdout + lint.stderr).toMatchObject({ code: 0 });
      expect(lint.stdout).toContain('All good!');
      // ESM-only by design (Node >= 20.19): CommonJS-era resolution (node10, require) is out of scope.
      const types = await run(bin('attw'), ['--profile', 'esm-only', '--format', 'table-flipped', tarball], { cwd: tmp });
      expect(types, types.stdout + types.stderr).toMatchObject({ code: 0 });
    }
  }, SLOW);
});

describe('the engine with plugins installed from npm', () => {
  it('loads the compiled plugin by its keyword and refuses the SDK 2 and the broken ones', async () => {
    const empty = path.join(tmp, 'no-builtins');
    await fs.mkdir(empty, { recursive: true });
    const registry = await loadPlugins({ cwd: project, pluginsDir: empty });
    expect(registry.plugins.map((p) => [p.id, p.package.origin, p.package.packageName])).toEqual([['civicjobs', 'npm', '@pathfinder/plugin-civicjobs']]);
    expect(registry.get('civicjobs')!.package.entry).toBe(path.join(project, 'node_modules/@pathfinder/plugin-civicjobs/dist/index.js'));
    const problems = Object.fromEntries(registry.problems.map((p) => [p.spec, p]));
    expect(problems['pathfinder-plugin-future']).toMatchObject({ code: 'PF_ERR_PLUGIN_SDK_RANGE' });
    expect(problems['pathfinder-plugin-future']!.message).toContain('needs SDK ^2.0.0');
    expect(problems['pathfinder-plugin-broken']).toMatchObject({ code: 'PF_ERR_PLUGIN_LOAD' });
    expect(problems['pathfinder-plugin-broken']!.message).toContain('broken on purpose');
  });
});

describe('pathfinder plugins add|list in a project with installed plugins', () => {
  /** The real CLI, run in the temporary project (npm offline: its cache has everything needed). */
  const pathfinder = (...args: string[]) =>
    run(process.execPath, [path.join(repo, 'server/bin/pathfinder.js'), ...args], {
      cwd: project, timeout: 240_000,
      env: { DATABASE_URL: db.url, PATHFINDER_DATA_DIR: path.join(tmp, 'data-unused'), LOG_LEVEL: 'warn', npm_config_offline: 'true', PATHFINDER_PLUGINS: '' },
    });

  it('add installs a tarball and shows its plugin; list says where every plugin came from', async () => {
    const added = await pathfinder('plugins', 'add', hello, '--json');
    expect(added, added.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(added.stdout)).toEqual({ items: [{ id: 'hello', name: 'hello jobs', version: '1.0.0', sdkRange: '^1.0.0', from: 'npm pathfinder-plugin-hello (node_modules/pathfinder-plugin-hello)' }] });
    const manifest = JSON.parse(await fs.readFile(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['pathfinder-plugin-hello']).toMatch(/^file:/);

    const list = await pathfinder('plugins', 'list', '--json');
    expect(list, list.stderr).toMatchObject({ code: 0 });
    const from = Object.fromEntries((JSON.parse(list.stdout) as { items: { id: string; from: string }[] }).items.map((i) => [i.id, i.from]));
    expect(from).toMatchObject({ hello: 'npm pathfinder-plugin-hello (node_modules/pathfinder-plugin-hello)', civicjobs: 'built-in', mars: 'built-in' });
    // The broken and the SDK 2 packages are reported; the rest loaded (the npm copy of civicjobs loses to the built-in one).
    expect(list.stderr).toContain('pathfinder-plugin-broken failed to load');
    expect(list.stderr).toContain('needs SDK ^2.0.0');
    expect(list.stderr).toContain('PF_ERR_PLUGIN_DUPLICATE_ID');

    const table = await pathfinder('plugins', 'list');
    expect(table.stdout).toMatch(/^hello .*npm pathfinder-plugin-hello \(node_modules\/pathfinder-plugin-hello\)$/m);
  }, SLOW);

  it('add refuses a package that is not a plugin', async () => {
    const notPlugin = path.join(tmp, 'not-a-plugin');
    await fs.mkdir(notPlugin, { recursive: true });
    await fs.writeFile(path.join(notPlugin, 'package.json'), JSON.stringify({ name: 'not-a-plugin', version: '1.0.0', type: 'module' }));
    const result = await pathfinder('plugins', 'add', notPlugin);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not-a-plugin is installed but is not a Pathfinder plugin');
  }, SLOW);
});
