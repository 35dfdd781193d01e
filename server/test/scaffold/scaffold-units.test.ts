/**
 * The pieces of `create-plugin` and its refusals, called as functions (the CLI and the generated
 * packages are exercised end to end in create-plugin.test.ts).
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import semver from 'semver';
import { SOURCE_ID_PATTERN } from '@pathfinder/sdk';
import { scaffoldPlugin } from '../../src/scaffold/create-plugin.js';
import { SCAFFOLD_RANGES, pluginPackageJson } from '../../src/scaffold/package-json.js';
import { classNameFromId, displayNameFromId, packageNameFor, PLUGIN_ID_PATTERN, scheduleMinuteFor } from '../../src/scaffold/plugin-names.js';
import { renderTemplate, tsString } from '../../src/scaffold/render-template.js';
import { ScaffoldError } from '../../src/scaffold/scaffold-error.js';
import { REPO } from './child-process.js';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-scaffold-units-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<ScaffoldError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ScaffoldError)) throw new Error(`expected a ScaffoldError, got ${String(error)}`);
  return error;
}

describe('names', () => {
  it('uses the SDK id rule', () => {
    expect(PLUGIN_ID_PATTERN.source).toBe(SOURCE_ID_PATTERN.source);
  });

  it('derives display, class and package names, and a stable schedule minute', () => {
    expect(displayNameFromId('maple-jobs')).toBe('Maple Jobs');
    expect(classNameFromId('maple-jobs-2')).toBe('MapleJobs2');
    expect(classNameFromId('a--b')).toBe('AB');
    expect(packageNameFor('maple', 'workspace')).toBe('@pathfinder/plugin-maple');
    expect(packageNameFor('maple', 'standalone')).toBe('pathfinder-plugin-maple');
    const minute = scheduleMinuteFor('maple-jobs');
    expect(minute).toBe(scheduleMinuteFor('maple-jobs'));
    expect(minute).toBeGreaterThanOrEqual(0);
    expect(minute).toBeLessThan(60);
  });
});

describe('renderTemplate', () => {
  it('fills known tokens once and keeps unknown ones such as {{origin}}', () => {
    expect(renderTemplate('{{id}} at {{origin}}/jobs, {{ id }}, {{name}}', { id: 'maple', name: '{{id}}' })).toBe('maple at {{origin}}/jobs, {{ id }}, {{id}}');
    expect(renderTemplate('{{toString}} {{constructor}}', {})).toBe('{{toString}} {{constructor}}');
  });

  it('writes single-quoted TypeScript literals for any text', () => {
    expect(tsString("Joe's \\ Jobs")).toBe("'Joe\\'s \\\\ Jobs'");
    // eslint-disable-next-line no-eval -- checking the literal reads back as the same text
    expect((0, eval)(tsString("Joe's \\ Jobs"))).toBe("Joe's \\ Jobs");
  });
});

describe('package.json', () => {
  it('asks for ranges the repository satisfies', () => {
    // Read from the root node_modules: some packages do not export their package.json.
    const version = (name: string) => (JSON.parse(readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    expect(semver.satisfies(version('@pathfinder/sdk'), SCAFFOLD_RANGES.sdk)).toBe(true);
    expect(semver.satisfies(version('typebox'), SCAFFOLD_RANGES.typebox)).toBe(true);
    expect(semver.satisfies(version('typescript'), SCAFFOLD_RANGES.typescript)).toBe(true);
    expect(semver.satisfies(version('vitest'), SCAFFOLD_RANGES.vitest)).toBe(true);
    expect(semver.satisfies(version('@types/node'), SCAFFOLD_RANGES.typesNode)).toBe(true);
  });

  it('peer-depends on the SDK in the repository, depends on it in a third-party package', () => {
    const ws = pluginPackageJson({ layout: 'workspace', packageName: '@pathfinder/plugin-x', name: 'X' });
    expect(ws).toMatchObject({ version: '0.1.0', type: 'module', pathfinder: { source: './src/index.ts' }, peerDependencies: { '@pathfinder/sdk': '^1.0.0' } });
    expect(ws).not.toHaveProperty('dependencies');
    const sa = pluginPackageJson({ layout: 'standalone', packageName: 'pathfinder-plugin-x', name: 'X' });
    expect(sa).toMatchObject({ dependencies: { '@pathfinder/sdk': '^1.0.0' }, scripts: { test: 'vitest run' }, pathfinder: { source: './src/index.ts' } });
  });
});

describe('scaffoldPlugin refusals (nothing written)', () => {
  it.each(['a', 'Maple', '1abc', 'ab_c', 'ab c', '-ab', `a${'b'.repeat(40)}`, ''])('refuses the id %j', async (id) => {
    const dir = path.join(tmp, 'never');
    const error = await refusal(scaffoldPlugin({ id, dir, pluginsDir: tmp }));
    expect(error.reason).toBe('invalid-id');
    await expect(fs.stat(dir)).rejects.toThrow();
  });

  it('refuses an id a plugin of plugins/ uses, by folder or by package name', async () => {
    const taken = await refusal(scaffoldPlugin({ id: 'civicjobs', dir: path.join(tmp, 'civic') }));
    expect(taken.reason).toBe('id-taken');
    expect(taken.message).toMatch(/"civicjobs" is already taken by .*plugins\/civicjobs/);

    const plugins = path.join(tmp, 'plugins');
    await fs.mkdir(path.join(plugins, 'some-folder'), { recursive: true });
    await fs.writeFile(path.join(plugins, 'some-folder/package.json'), JSON.stringify({ name: '@pathfinder/plugin-renamed' }));
    await fs.mkdir(path.join(plugins, 'not-a-package'));
    const byName = await refusal(scaffoldPlugin({ id: 'renamed', pluginsDir: plugins }));
    expect(byName.reason).toBe('id-taken');
    // An empty folder is not a plugin: its name is free, and the scaffold fills it.
    const filled = await scaffoldPlugin({ id: 'not-a-package', pluginsDir: plugins });
    expect(filled.dir).toBe(path.join(plugins, 'not-a-package'));
    expect(filled.files).toContain('src/index.ts');
  });

  it('refuses a folder that is not empty, or a file, and leaves it as it was', async () => {
    const dir = path.join(tmp, 'busy');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'notes.txt'), 'mine');
    const busy = await refusal(scaffoldPlugin({ id: 'busy-board', dir, pluginsDir: tmp }));
    expect(busy.reason).toBe('target-exists');
    expect(busy.message).toMatch(/already exists and is not empty/);
    expect(await fs.readdir(dir)).toEqual(['notes.txt']);

    const file = path.join(tmp, 'a-file');
    await fs.writeFile(file, 'x');
    expect((await refusal(scaffoldPlugin({ id: 'file-board', dir: file, pluginsDir: tmp }))).reason).toBe('target-exists');
  });

  it('refuses a bad --name or --base-url', async () => {
    const dir = path.join(tmp, 'never');
    for (const options of [{ name: '  ' }, { name: 'two\nlines' }, { name: 'x'.repeat(201) }, { baseUrl: 'ftp://x.ca' }, { baseUrl: 'not a url' }, { baseUrl: 'https://x.ca/?q=1' }]) {
      const error = await refusal(scaffoldPlugin({ id: 'bad-option', dir, pluginsDir: tmp, ...options }));
      expect(error.reason, JSON.stringify(options)).toBe('invalid-option');
    }
    await expect(fs.stat(dir)).rejects.toThrow();
  });
});

describe('scaffoldPlugin output', () => {
  it('writes the workspace layout into plugins/<id> by default, with the tokens filled', async () => {
    const plugins = path.join(tmp, 'ws-plugins');
    const r = await scaffoldPlugin({ id: 'maple-jobs', pluginsDir: plugins, name: "Joe's Jobs", baseUrl: 'https://jobs.joe.ca/board/' });
    expect(r).toMatchObject({ id: 'maple-jobs', name: "Joe's Jobs", packageName: '@pathfinder/plugin-maple-jobs', layout: 'workspace', dir: path.join(plugins, 'maple-jobs') });
    expect(r.files).toEqual([
      'README.md', 'package.json', 'src/config.ts', 'src/crawl.ts', 'src/index.ts', 'src/parse-listing.ts',
      'test/fixtures/site/jobs.html', 'test/fixtures/site/robots.txt', 'test/fixtures/site/routes.json',
      'test/maple-jobs.test.ts', 'test/parse-listing.test.ts',
    ]);
    const read = (f: string) => fs.readFile(path.join(r.dir, f), 'utf8');
    const index = await read('src/index.ts');
    expect(index).toContain("id: 'maple-jobs',");
    expect(index).toContain("name: 'Joe\\'s Jobs',");
    expect(index).toContain("baseUrl: 'https://jobs.joe.ca/board',");
    // SDK 1.1 infers the config type from configSchema; the class-name token still names the export.
    expect(index).toContain('export { configSchema, type MapleJobsConfig }');
    expect(index).not.toContain('defineSource<');
    expect(index).toContain('version: pkg.version,');
    expect(await read('src/config.ts')).toContain('export type MapleJobsConfig');
    // The fixture server's token survives rendering; no other token is left.
    expect(await read('test/fixtures/site/jobs.html')).toContain('{{origin}}/jobs/1002');
    for (const f of r.files) expect((await read(f)).replace(/\{\{origin\}\}/g, ''), f).not.toMatch(/\{\{\w+\}\}/);
    const readme = await read('README.md');
    expect(readme).toContain('# @pathfinder/plugin-maple-jobs');
    expect(readme).toContain('npx vitest run plugins/maple-jobs');
    expect(JSON.parse(await read('package.json'))).toMatchObject({ name: '@pathfinder/plugin-maple-jobs', version: '0.1.0' });
  });

  it('adds its own vitest config, tsconfig and .gitignore to a third-party package', async () => {
    const r = await scaffoldPlugin({ id: 'third-party', dir: path.join(tmp, 'elsewhere/tp'), pluginsDir: tmp });
    expect(r.layout).toBe('standalone');
    expect(r.packageName).toBe('pathfinder-plugin-third-party');
    expect(r.files).toEqual(expect.arrayContaining(['.gitignore', 'tsconfig.json', 'vitest.config.ts', 'test/third-party.test.ts']));
    const readme = await fs.readFile(path.join(r.dir, 'README.md'), 'utf8');
    expect(readme).toContain('PATHFINDER_PLUGINS=pathfinder-plugin-third-party');
    expect(readme).toContain('npm test');
  });
});
