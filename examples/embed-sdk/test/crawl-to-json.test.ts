/**
 * crawl-to-json.ts end to end, in child processes: the Greenhouse example crawled against its
 * recorded API answers with the SDK alone. Real time applies (the system clock): the source's
 * 2 s delay between robots.txt and the one API request makes each crawl take a few seconds.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const script = path.join(repo, 'examples/embed-sdk/crawl-to-json.ts');
const greenhouse = path.join(repo, 'examples/plugin-greenhouse');
const API = 'https://boards-api.greenhouse.io';
const SLOW = 120_000;

let api: FixtureServer;
let tmp: string;

beforeAll(async () => {
  api = await serveFixtures(path.join(greenhouse, 'test/fixtures/site'));
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-embed-sdk-'));
});
afterAll(async () => {
  await api?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

function crawlToJson(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=@pathfinder/source', '--import', 'tsx', script, ...args], { cwd: repo, env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function readOut(file: string) {
  return JSON.parse(await fs.readFile(file, 'utf8')) as {
    source: { id: string; version: string };
    baseUrl: string;
    requests: number;
    postings: { title: string; externalId?: string }[];
    invalid: unknown[];
    error?: { code: string; message: string };
  };
}

describe('crawl-to-json.ts', () => {
  it('crawls the Greenhouse example with the SDK alone and writes what the test kit sees', async () => {
    const out = path.join(tmp, 'greenhouse.json');
    const r = await crawlToJson(['./examples/plugin-greenhouse', out, '--map-origin', `${API}=${api.origin}`, '--config', 'board=maplerobotics']);
    expect(r.stderr).not.toMatch(/crawl failed/);
    expect(r.code).toBe(0);
    const result = await readOut(out);
    expect(result).toMatchObject({ source: { id: 'greenhouse', version: '1.0.0' }, baseUrl: API, requests: 2, invalid: [] });
    // The same postings the kit's golden file holds (that source's URLs never name the fixture server).
    const golden = JSON.parse(await fs.readFile(path.join(greenhouse, 'test/fixtures/golden.json'), 'utf8'));
    expect(result.postings).toEqual(golden);
    // robots.txt first, then the API, both on the mapped origin; the plugin's warning reaches stderr.
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('GET '));
    expect(lines).toEqual([
      `GET ${api.origin}/robots.txt -> 200 [robots]`,
      `GET ${api.origin}/v1/boards/maplerobotics/jobs?content=true -> 200 [page]`,
    ]);
    expect(r.stderr).toContain('warning: Job skipped: job 4012006');
  }, SLOW);

  it('points baseUrl at a mirror with --base-url, stops at --limit, and reports a failed crawl with exit 1', async () => {
    const limited = path.join(tmp, 'limited.json');
    const r = await crawlToJson([greenhouse, limited, '--base-url', api.origin, '--config', 'board=maplerobotics', '--limit', '2']);
    expect(r.code).toBe(0);
    const result = await readOut(limited);
    expect(result.baseUrl).toBe(api.origin);
    expect(result.postings.map((p) => p.externalId)).toEqual(['4012001', '4012002']);

    const failed = path.join(tmp, 'failed.json');
    const f = await crawlToJson([greenhouse, failed, '--base-url', api.origin, '--config', 'board=gone-company']);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('crawl failed: PF_ERR_SOURCE_FATAL: Greenhouse has no job board "gone-company"');
    expect(await readOut(failed)).toMatchObject({ postings: [], error: { code: 'PF_ERR_SOURCE_FATAL' } });
  }, SLOW);

  it('answers bad usage, an unknown plugin and an invalid config with exit 2, without crawling', async () => {
    const out = path.join(tmp, 'never.json');
    const cases: [string[], RegExp][] = [
      [[], /give the plugin and the output file/],
      [['./examples/plugin-greenhouse', out, '--map-origin', 'nope'], /--map-origin must be KEY=VALUE/],
      [['./examples/plugin-greenhouse', out, '--limit', '0'], /--limit must be a positive whole number/],
      [['./examples/plugin-greenhouse', out, '--bogus'], /Unknown option '--bogus'/],
      [['./examples/no-such-plugin', out], /no such file or folder/],
      [['pathfinder-plugin-nobody-published', out], /cannot find the package "pathfinder-plugin-nobody-published"/],
      [['./examples/plugin-greenhouse', out], /board: is required/],
    ];
    // Side by side: each child spends its few seconds loading TypeScript and the SDK.
    const results = await Promise.all(cases.map(([args]) => crawlToJson(args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    });
    await expect(fs.stat(out)).rejects.toThrow();
  }, SLOW);

  it('imports the SDK and Node built-ins only, and typechecks', async () => {
    const source = await fs.readFile(script, 'utf8');
    const imports = [...source.matchAll(/^import\b[^;]*?from '([^']+)';/gm)].map((m) => m[1]);
    expect(imports).toContain('node:fs/promises');
    expect(imports.filter((i) => !i.startsWith('node:'))).toEqual(['@pathfinder/sdk']);
    const tsc = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', path.join(repo, 'examples/embed-sdk/tsconfig.json')],
        { cwd: repo, timeout: 100_000 }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: stdout + stderr }));
    });
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  }, SLOW);
});
