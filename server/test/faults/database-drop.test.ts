/**
 * Issue 14, "a worker dies when Postgres drops during a crawl": a real `pathfinder worker` (and a
 * real `pathfinder start`, API and worker in one process) crawling the recorded CivicJobs site while
 * the test stops its Postgres. The process must wait the database out (no crash), and once Postgres
 * is back the interrupted run ends `aborted` with the reason and the source is crawled again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  aimCivicJobsAt, describeFailure, enqueueCivicJobsCrawl, eventually, FAST_RECOVERY_ENV, runsOf, spawnPathfinder, startHeldSite, startOwnCluster,
  type HeldSite, type OwnCluster, type PathfinderProcess,
} from './fault-harness.js';

let cluster: OwnCluster | undefined;
let site: HeldSite | undefined;
let proc: PathfinderProcess | undefined;

afterEach(async (context) => {
  // What the process said, and where the runs stood, is the first thing to read when a fault test fails.
  if (context.task.result?.state === 'fail') process.stderr.write(`${await describeFailure([proc], cluster?.url)}\n`);
  await proc?.stop();
  await site?.close();
  await cluster?.dispose();
  proc = site = cluster = undefined;
});

describe.each(['worker', 'start'] as const)('Postgres stops while `pathfinder %s` is crawling', (command) => {
  it('the process waits the database out; the run ends aborted with its reason and the source is crawled again', async () => {
    cluster = await startOwnCluster();
    site = await startHeldSite();
    proc = spawnPathfinder(command === 'start' ? ['start', '--port', '0'] : [command], {
      ...FAST_RECOVERY_ENV,
      DATABASE_URL: cluster.url,
      PATHFINDER_DATA_DIR: cluster.dir,
      PATHFINDER_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    });
    await proc.waitForLine(/scheduler worker started/, 'the worker to start');
    const api = command === 'start' ? (await proc.waitForLine(/ready: site/, 'the API to listen')).match(/site (http:\/\/[^/ ]+)/)![1] : undefined;
    const sourceId = await aimCivicJobsAt(cluster.url, site.origin);

    site.hold();
    const { runId } = await enqueueCivicJobsCrawl(cluster.url);
    await eventually(async () => site!.feedRequests > 0, 'the crawl to ask for the feed');

    await cluster.stop();
    await proc.waitForLine(/database lost/i, 'the process to say the database is lost', 30_000);
    // Long enough for pg-boss's loop to fail its polls and the crawl's own writes to fail.
    const downSince = Date.now();
    await eventually(async () => Date.now() - downSince > 5000 || !proc!.alive(), 'five seconds without Postgres');
    expect(proc.alive(), proc.output()).toBe(true);
    // With `start`, the API in the same process answers meanwhile: 503, the database is down.
    if (api) expect((await fetch(`${api}/health`)).status).toBe(503);

    site.release();
    await cluster.restart();
    const runs = await eventually(async () => {
      const all = await runsOf(cluster!.url, sourceId);
      return all.some((r) => r.id !== runId && r.status === 'success') ? all : undefined;
    }, 'a later run of the source to succeed', 60_000);
    const interrupted = runs.find((r) => r.id === runId)!;
    expect(interrupted.status).toBe('aborted');
    expect(interrupted.error_code).toBe('PF_ERR_DB_UNAVAILABLE');
    expect(interrupted.error_message).toMatch(/database connection was lost/);
    expect(runs.find((r) => r.id !== runId && r.status === 'success')!.jobs_found).toBeGreaterThan(0);
    expect(proc.alive(), proc.output()).toBe(true);
    await proc.waitForLine(/database (is )?back/i, 'the process to say the database is back');
    if (api) expect((await fetch(`${api}/health`)).status).toBe(200);
  }, 120_000);
});

describe('a worker stopped while its database is away', () => {
  let next: PathfinderProcess | undefined;
  afterEach(async () => {
    await next?.stop();
    next = undefined;
  });

  it('exits cleanly, and the next worker aborts the run and crawls the source again', async () => {
    cluster = await startOwnCluster();
    site = await startHeldSite();
    const env = { ...FAST_RECOVERY_ENV, DATABASE_URL: cluster.url, PATHFINDER_DATA_DIR: cluster.dir, PATHFINDER_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };
    proc = spawnPathfinder(['worker'], env);
    await proc.waitForLine(/scheduler worker started/, 'the worker to start');
    const sourceId = await aimCivicJobsAt(cluster.url, site.origin);
    site.hold();
    const { runId } = await enqueueCivicJobsCrawl(cluster.url);
    await eventually(async () => site!.feedRequests > 0, 'the crawl to ask for the feed');

    await cluster.stop();
    await proc.waitForLine(/crawl interrupted: the database was lost/, 'the crawl to wait for the database', 30_000);
    // Stopping now ends the crawl's job while Postgres is away: the stop must stay a clean one.
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
    expect(proc.output()).not.toMatch(/fatal:|^\s+at /m);

    site.release();
    await cluster.restart();
    next = spawnPathfinder(['worker'], env);
    const runs = await eventually(async () => {
      const all = await runsOf(cluster!.url, sourceId);
      return all.some((r) => r.id !== runId && r.status === 'success') ? all : undefined;
    }, 'a retry run of the source to succeed', 60_000);
    expect(runs.find((r) => r.id === runId)).toMatchObject({ status: 'aborted', error_code: 'PF_ERR_ABORTED' });
  }, 120_000);
});
