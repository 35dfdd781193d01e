import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@pathfinder/core/testing';
import { DataSource, ScrapeLog } from '@pathfinder/core';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'server/bin/pathfinder.js');
const db = useTestDatabase();

/** The real CLI against this file's database (send-only scheduler: nothing is crawled here). */
async function pathfinder(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: repo, timeout: 60_000, env: { ...process.env, DATABASE_URL: db.url, PATHFINDER_DATA_DIR: '/tmp/pf-cli-test-unused', LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const scheduleOf = async (name: string) =>
  (await db.orm.em.getConnection().execute('select cron, timezone from pgboss.schedule where name = ?', [name], 'all'))[0] as { cron: string; timezone: string } | undefined;

describe('pathfinder plugins enable|disable|run', () => {
  it('disables (schedule removed, runs refused), enables (schedule back), queues a run and prints its id', async () => {
    const off = await pathfinder('plugins', 'disable', 'civicjobs');
    expect(off).toMatchObject({ code: 0, stdout: 'civicjobs disabled\n' });
    expect((await db.orm.em.fork().findOneOrFail(DataSource, { pluginId: 'civicjobs' })).enabled).toBe(false);
    expect(await scheduleOf('crawl:civicjobs')).toBeUndefined();
    // The other plugins were scheduled by the same start of the scheduler.
    expect(await scheduleOf('crawl:mars')).toMatchObject({ timezone: 'America/Toronto' });

    const refused = await pathfinder('plugins', 'run', 'civicjobs');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is disabled');

    const on = await pathfinder('plugins', 'enable', 'civicjobs');
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/^civicjobs enabled; next run \d{4}-\d\d-\d\dT\d\d:\d\d:00Z\n$/);
    expect(await scheduleOf('crawl:civicjobs')).toEqual({ cron: '0 */4 * * *', timezone: 'America/Toronto' });

    const queued = await pathfinder('plugins', 'run', 'civicjobs', '--json');
    expect(queued.code).toBe(0);
    const { runId } = JSON.parse(queued.stdout) as { runId: string };
    expect(await db.orm.em.fork().findOneOrFail(ScrapeLog, runId)).toMatchObject({ status: 'queued', trigger: 'manual' });
    const twice = await pathfinder('plugins', 'run', 'civicjobs');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already queued');

    const list = await pathfinder('plugins', 'list', '--json');
    const civic = (JSON.parse(list.stdout) as { items: { id: string; enabled: boolean; lastRun: { id: string; status: string } }[] }).items.find((i) => i.id === 'civicjobs');
    expect(civic).toMatchObject({ enabled: true, lastRun: { id: runId, status: 'queued' } });
  }, 180_000); // six CLI processes, each starting tsx, the ORM and the scheduler

  it('has a worker command', async () => {
    const help = await pathfinder('worker', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pathfinder worker');
    expect((await pathfinder('--help')).stdout).toMatch(/\n {2}worker +Migrate, then run only the crawl worker/);
  });
});
