/**
 * Issue 14, "a killed worker's crawl is not retried": a real `pathfinder worker` is SIGKILLed while
 * it crawls the recorded CivicJobs site (the feed request held open, so the crawl is mid-flight).
 * A second worker started afterwards finds the orphan on its sweep (the dead worker's lease, a
 * Postgres session lock, went with its connection), ends the run `aborted` with the reason and runs
 * the source again, within the minute.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  aimCivicJobsAt, describeFailure, enqueueCivicJobsCrawl, eventually, FAST_RECOVERY_ENV, runsOf, spawnPathfinder, startHeldSite, startOwnCluster,
  type HeldSite, type OwnCluster, type PathfinderProcess,
} from './fault-harness.js';

let cluster: OwnCluster | undefined;
let site: HeldSite | undefined;
let first: PathfinderProcess | undefined;
let second: PathfinderProcess | undefined;

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') process.stderr.write(`${await describeFailure([first, second], cluster?.url)}\n`);
  await Promise.all([first?.stop(), second?.stop()]);
  await site?.close();
  await cluster?.dispose();
  first = second = site = cluster = undefined;
});

describe('a worker killed mid-crawl', () => {
  it('another worker aborts the orphaned run with its reason and crawls the source again', async () => {
    cluster = await startOwnCluster();
    site = await startHeldSite();
    const env = { ...FAST_RECOVERY_ENV, DATABASE_URL: cluster.url, PATHFINDER_DATA_DIR: cluster.dir, PATHFINDER_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' };
    first = spawnPathfinder(['worker'], env);
    await first.waitForLine(/scheduler worker started/, 'the first worker to start');
    const sourceId = await aimCivicJobsAt(cluster.url, site.origin);

    site.hold();
    const { runId } = await enqueueCivicJobsCrawl(cluster.url);
    await eventually(async () => site!.feedRequests > 0, 'the crawl to ask for the feed');
    expect((await runsOf(cluster.url, sourceId)).find((r) => r.id === runId)?.status).toBe('running');

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // Nothing ended the run: the worker had no chance to.
    expect((await runsOf(cluster.url, sourceId)).find((r) => r.id === runId)?.status).toBe('running');

    site.release();
    const killedAt = Date.now();
    second = spawnPathfinder(['worker'], env);
    const runs = await eventually(async () => {
      const all = await runsOf(cluster!.url, sourceId);
      return all.some((r) => r.id !== runId && r.status === 'success') ? all : undefined;
    }, 'a retry run of the source to succeed', 60_000);
    const orphaned = runs.find((r) => r.id === runId)!;
    expect(orphaned).toMatchObject({ status: 'aborted', error_code: 'PF_ERR_ABORTED', error_message: 'The worker running this crawl stopped before it ended' });
    const retry = runs.find((r) => r.id !== runId && r.status === 'success')!;
    expect(retry.trigger).toBe('retry');
    expect(retry.jobs_found).toBeGreaterThan(0);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(second.output()).toContain('orphaned crawl job cancelled (its worker is gone)');
  }, 120_000);
});
