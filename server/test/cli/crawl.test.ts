import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { useTestDatabase } from '@pathfinder/core/testing';
import { Job } from '@pathfinder/core';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const bin = path.join(repo, 'server/bin/pathfinder.js');
const db = useTestDatabase();
let site: FixtureServer;

beforeAll(async () => {
  site = await serveFixtures(path.join(here, 'fixtures/site'));
});
afterAll(async () => {
  await site.close();
});

async function pathfinder(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: repo, timeout: 60_000,
      env: { ...process.env, PATHFINDER_PLUGINS: './server/test/cli/fixtures/plugin-quick', PATHFINDER_DATA_DIR: '/tmp/pf-cli-test-unused', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pathfinder crawl', () => {
  it('--dry-run --format ndjson prints only clean postings on stdout, the request log on stderr', async () => {
    const r = await pathfinder(['crawl', 'quick', '--dry-run', '--format', 'ndjson', '--base-url', site.origin]);
    expect(r.code).toBe(0);
    const postings = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(postings.map((p) => p.title)).toEqual(['Civil Engineering Co-op Student', 'Junior Data Analyst']);
    expect(postings[0]).toMatchObject({ jobType: 'coop', province: 'BC', originalUrl: `${site.origin}/jobs?id=1`, withPay: true });
    expect(postings[1]).toMatchObject({ jobType: 'new_grad', locationType: 'hybrid' });
    expect(postings[0].dedupeHash).toBeUndefined();
    const log = r.stderr.split('\n').filter((l) => l.startsWith('GET '));
    expect(log[0]).toMatch(/\/robots\.txt -> 200 \[robots\]/);
    expect(r.stderr).toMatch(/success: 3 found, .* 1 skipped/);
  });

  it('--format table prints a table', async () => {
    const r = await pathfinder(['crawl', 'quick', '--dry-run', '--format', 'table', '--base-url', site.origin, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^title\s+company\s+type\s+where\s+deadline$/);
    expect(r.stdout).toContain('Junior Data Analyst');
  });

  it('without --dry-run stores the jobs and prints the counts', async () => {
    const r = await pathfinder(['crawl', 'quick', '--base-url', site.origin, '--quiet'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ status: 'success', found: 3, added: 2, skipped: 1 });
    expect(await db.orm.em.fork().count(Job, { source: { pluginId: 'quick' } })).toBe(2);
    const again = await pathfinder(['crawl', 'quick', '--base-url', site.origin, '--quiet'], { DATABASE_URL: db.url });
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ added: 0, unchanged: 2 });
  });

  it('answers bad invocations with exit 2 and the usage', async () => {
    for (const args of [['crawl'], ['crawl', 'quick', '--format', 'xml'], ['crawl', 'quick', '--map-origin', 'nope'], ['crawl', 'quick', '--limit', '0'], ['crawl', 'quick', '--bogus']]) {
      const r = await pathfinder(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: pathfinder crawl');
    }
    const unknown = await pathfinder(['crawl', 'nosuchplugin', '--dry-run']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No plugin "nosuchplugin" is loaded \(loaded: .*quick/);
  });
});

describe('pathfinder plugins list and configuration errors', () => {
  it('lists the five sources plus an extra plugin from PATHFINDER_PLUGINS', async () => {
    const r = await pathfinder(['plugins', 'list', '--json'], { DATABASE_URL: db.url });
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['civicjobs', 'careeredge', 'workinnonprofits', 'eco-canada', 'mars', 'quick']));
  });

  it('a bad configuration stops the start with a message naming the variable', async () => {
    const r = await pathfinder(['start'], { PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT must be a whole number, got "abc"');
  });

  it('--help works for every command and is fast to load', async () => {
    const r = await pathfinder(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['start', 'serve', 'migrate', 'crawl', 'plugins']) expect(r.stdout).toContain(name);
    const c = await pathfinder(['crawl', '--help']);
    expect(c.stdout).toContain('--map-origin FROM=TO');
  });
});
