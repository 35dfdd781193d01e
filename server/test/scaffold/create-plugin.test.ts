/**
 * `pathfinder create-plugin` end to end: the CLI's refusals, then a scaffolded third-party package
 * and a scaffolded repository plugin whose generated tests run (in child vitest processes) and pass
 * as generated, and whose files typecheck (tsc). The scaffolds go to temporary folders under
 * examples/ — inside the repository so that @pathfinder/sdk resolves as it would for a real
 * plugin, but not in plugins/, which the engine (and other tests running at the same time) load
 * from. They are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPlugin } from '../../src/scaffold/create-plugin.js';
import { PATHFINDER_BIN, REPO, runNode, TSC_BIN, VITEST_BIN } from './child-process.js';

const rand = randomBytes(4).toString('hex');
const standaloneId = `zz-scaffold-${rand}`;
const standaloneDir = path.join(REPO, 'examples', `zz-scaffold-sa-${rand}`);
const workspaceId = `zz-scaffold-ws-${rand}`;
const workspaceDir = path.join(REPO, 'examples', workspaceId);
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-create-plugin-'));
});
afterAll(async () => {
  for (const dir of [standaloneDir, workspaceDir, tmp]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const pathfinder = (args: string[]) => runNode([PATHFINDER_BIN, ...args], { timeoutMs: 60_000 });
const vitest = (args: string[], cwd: string) => runNode([VITEST_BIN, 'run', ...args], { cwd, timeoutMs: 150_000 });
/** Child processes on a busy machine: well above the default 30 s, below the children's own kill timeouts summed. */
const SLOW = 320_000;

describe('pathfinder create-plugin refusals', () => {
  it('answers exit 2 with a clear message and writes nothing', async () => {
    const badId = await pathfinder(['create-plugin', 'Maple_Jobs']);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('"Maple_Jobs" is not a valid plugin id');

    const taken = await pathfinder(['create-plugin', 'civicjobs', '--dir', path.join(tmp, 'civic')]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/the plugin id "civicjobs" is already taken by plugins\/civicjobs/);

    const busy = path.join(tmp, 'busy');
    await fs.mkdir(busy);
    await fs.writeFile(path.join(busy, 'keep.txt'), 'mine');
    const exists = await pathfinder(['create-plugin', 'busy-board', '--dir', busy]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/already exists and is not empty; refusing to overwrite it/);
    expect(await fs.readdir(busy)).toEqual(['keep.txt']);

    const badUrl = await pathfinder(['create-plugin', 'url-board', '--dir', path.join(tmp, 'u'), '--base-url', 'ftp://x']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--base-url must be an http(s) origin');

    const noId = await pathfinder(['create-plugin']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('Usage: pathfinder create-plugin <id>');
    expect(await fs.readdir(tmp)).toEqual(['busy']);
  }, SLOW);

  it('is listed in the help', async () => {
    const help = await pathfinder(['--help']);
    expect(help.stdout).toMatch(/create-plugin\s+Scaffold a new source plugin package/);
    const own = await pathfinder(['create-plugin', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--dir <folder>');
  }, SLOW);
});

describe('a scaffolded third-party package (--dir)', () => {
  it('is written by the CLI', async () => {
    const r = await pathfinder(['create-plugin', standaloneId, '--dir', standaloneDir, '--name', "Maple's Jobs", '--base-url', 'https://careers.maple.example/']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Created pathfinder-plugin-${standaloneId} 0.1.0 (source "${standaloneId}", Maple's Jobs)`);
    expect(r.stdout).toContain(`test/${standaloneId}.test.ts`);
    const pkg = JSON.parse(await fs.readFile(path.join(standaloneDir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: `pathfinder-plugin-${standaloneId}`,
      version: '0.1.0',
      pathfinder: { source: './src/index.ts' },
      dependencies: { '@pathfinder/sdk': '^1.0.0' },
    });
  }, SLOW);

  it('passes its own test as generated, then checks the golden file it wrote', async () => {
    const first = await vitest([], standaloneDir);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Tests\s+4 passed \(4\)/);
    // The first run wrote the golden file, with the manifest's origin in place of the fixture server's.
    const golden = JSON.parse(await fs.readFile(path.join(standaloneDir, 'test/fixtures/golden.json'), 'utf8'));
    expect(golden.map((p: { originalUrl: string }) => p.originalUrl)).toEqual([
      'https://careers.maple.example/jobs/1001',
      'https://careers.maple.example/jobs/1002',
      'https://careers.maple.example/jobs/1003',
    ]);
    const second = await vitest([], standaloneDir);
    expect(second.code, second.stdout + second.stderr).toBe(0);
  }, SLOW);

  it('fails its test when the site changes (the golden file and assertions bite)', async () => {
    const page = path.join(standaloneDir, 'test/fixtures/site/jobs.html');
    const original = await fs.readFile(page, 'utf8');
    await fs.writeFile(page, original.replace('Northern Lights Analytics', 'Southern Lights Analytics'));
    try {
      const changed = await vitest([], standaloneDir);
      expect(changed.code).not.toBe(0);
      expect(changed.stdout + changed.stderr).toMatch(/differ from the golden file/);
    } finally {
      await fs.writeFile(page, original);
    }
  }, SLOW);

  it('typechecks with its own tsconfig', async () => {
    const r = await runNode([TSC_BIN, '-p', path.join(standaloneDir, 'tsconfig.json')], { timeoutMs: 150_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, SLOW);
});

describe('a scaffolded repository plugin (the plugins/<id> layout)', () => {
  beforeAll(async () => {
    // The same files `create-plugin <id>` writes to plugins/<id>, written elsewhere (see the header).
    await scaffoldPlugin({ id: workspaceId, dir: workspaceDir, layout: 'workspace' });
  });

  it('passes its test as generated', async () => {
    // The root vitest.config.ts would run it too (plugins/*/test), but it also starts a Postgres for
    // the engine's tests: this bare config runs the generated tests alone.
    const config = path.join(tmp, 'vitest.bare.config.mjs');
    await fs.writeFile(config, "export default { test: { include: ['test/**/*.test.ts'] } };\n");
    const r = await vitest(['--root', workspaceDir, '--config', config], REPO);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+4 passed \(4\)/);
    const golden = JSON.parse(await fs.readFile(path.join(workspaceDir, 'test/fixtures/golden.json'), 'utf8'));
    expect(golden[0]).toMatchObject({ originalUrl: 'https://jobs.example.com/jobs/1001', companyName: 'Maple Robotics' });
  }, SLOW);

  it('typechecks under the repository compiler options', async () => {
    const tsconfig = path.join(workspaceDir, 'tsconfig.check.json');
    await fs.writeFile(tsconfig, JSON.stringify({ extends: '../../tsconfig.json', include: ['src', 'test'], exclude: ['**/fixtures/**'] }));
    const r = await runNode([TSC_BIN, '-p', tsconfig], { timeoutMs: 150_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, SLOW);
});
