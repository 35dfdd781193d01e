import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'server/bin/pathfinder.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-dedupe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function pathfinder(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: repo, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const posting = (over: object) => ({ title: 'Data Analyst Intern', companyName: 'Acme Inc.', city: 'Toronto', province: 'ON', source: 'civicjobs', ...over });

// Each case starts the CLI in child processes, which is slow on a loaded machine.
describe('pathfinder dedupe eval', { timeout: 120_000 }, () => {
  it('prints per-kind results and ends with the scores line', async () => {
    const file = path.join(tmp, 'pairs.jsonl');
    fs.writeFileSync(file, [
      { a: posting({}), b: posting({ companyName: 'ACME', source: 'mars' }), same: true, kind: 'copy' },
      { a: posting({}), b: posting({ companyName: 'Globex', source: 'mars' }), same: false, kind: 'other-employer' },
      { a: posting({}), b: posting({ city: 'Ottawa', source: 'mars' }), same: true, kind: 'copy' },
    ].map((p) => JSON.stringify(p)).join('\n'));
    const r = await pathfinder(['dedupe', 'eval', file, '--mistakes']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('copy: 1/2 right');
    expect(lines).toContain('other-employer: 1/1 right');
    expect(r.stdout).toMatch(/wrong \(labelled same\): score [\d.]+ veto different-place/);
    expect(lines.at(-1)).toBe('precision 1.000 recall 0.500 f1 0.667 threshold 0.72 pairs 3');
  });

  it('scores the repository set within the goal', async () => {
    const r = await pathfinder(['dedupe', 'eval', 'core/bench/dedupe/pairs.jsonl', '--threshold', '0.72']);
    expect(r.code).toBe(0);
    const [, p, , f1, t, n] = /^precision ([\d.]+) recall ([\d.]+) f1 ([\d.]+) threshold ([\d.]+) pairs (\d+)$/.exec(r.stdout.trim().split('\n').at(-1)!)!;
    expect(Number(p)).toBeGreaterThanOrEqual(0.98);
    expect(Number(f1)).toBeGreaterThanOrEqual(0.95);
    expect([t, Number(n) >= 200]).toEqual(['0.72', true]);
  });

  it('refuses a bad file with the line, and bad arguments with the usage', async () => {
    const bad = path.join(tmp, 'bad.jsonl');
    fs.writeFileSync(bad, '{"a": {"title": "x", "companyName": "y"}, "b": {}, "same": true}\n');
    const r = await pathfinder(['dedupe', 'eval', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1: "a" and "b" must be postings');
    expect((await pathfinder(['dedupe', 'eval', path.join(tmp, 'missing.jsonl')])).stderr).toContain('ENOENT');
    const usage = await pathfinder(['dedupe', 'eval', bad, '--threshold', 'high']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--threshold must be a number from 0 to 1');
  });
});
