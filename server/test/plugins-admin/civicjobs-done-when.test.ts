import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, Scheduler, loadPlugins, syncDataSources, type PluginRegistry } from '@pathfinder/core';
import { FakeClock, serveFixtures, type FixtureServer } from '@pathfinder/sdk/testing';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { eventually } from './support.js';

// Issue 6, "done when": recorded CivicJobs pages served locally, driven only through the admin API.
const SITE = fileURLToPath(new URL('../../../plugins/civicjobs/test/fixtures/site', import.meta.url));
// The fixtures were recorded around this time; the crawl's fake clock starts here (no real waiting).
const NOW = Date.parse('2026-11-21T14:00:00Z');

const services: Record<string, unknown> = {};
const t = useTestApp({ services });
let site: FixtureServer;
let registry: PluginRegistry;
let scheduler: Scheduler;
let admin: TestSession;

beforeAll(async () => {
  site = await serveFixtures(SITE);
  // The real plugins, discovered and loaded as a server does.
  registry = await loadPlugins();
  expect(registry.get('civicjobs')).toBeDefined();
  await syncDataSources(t.db.orm.em.fork(), registry.plugins);
  scheduler = new Scheduler({
    connectionString: t.db.url, orm: t.db.orm, registry, cron: false, pollingIntervalSeconds: 0.5,
    crawlDefaults: { clock: new FakeClock(NOW) },
    // The recorded site listens on 127.0.0.1, saved below as the plugin's baseUrl.
    allowedPrivateHosts: ['127.0.0.1'],
  });
  await scheduler.start();
  await scheduler.syncSchedules();
  services.scheduler = scheduler;
  admin = await createUserSession(t.app, 'admin');
});

afterAll(async () => {
  await scheduler?.stop();
  await site?.close();
});

const api = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });

async function runToSuccess(): Promise<Record<string, unknown>> {
  // A run's log reads success a moment before its queue job completes; until then "run now" is a
  // 409 (a run is in flight), which is what an admin would see too.
  await eventually(async () => ((await api('GET', '/admin/plugins/civicjobs')).json().inFlight === null ? true : undefined), 'no CivicJobs run in flight');
  const started = await api('POST', '/admin/plugins/civicjobs/run');
  expect(started.statusCode).toBe(202);
  const { runId } = started.json();
  return eventually(async () => {
    const logs = (await api('GET', '/admin/scrape-logs?source=civicjobs&limit=5')).json().items as Record<string, unknown>[];
    const log = logs.find((l) => l.id === runId);
    if (log && (log.status === 'failed' || log.status === 'aborted')) throw new Error(`the run ended ${log.status}: ${log.errorMessage}`);
    return log?.status === 'success' ? log : undefined;
  }, 'the CivicJobs run to reach success');
}

describe('CivicJobs through the admin API (issue 6, done when)', () => {
  it('disable, re-enable pointed at the recorded site, run now twice: success with counts, then nothing new and no duplicate', async () => {
    const disabled = await api('PATCH', '/admin/plugins/civicjobs', { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false, nextRunAt: null });
    expect((await api('POST', '/admin/plugins/civicjobs/run')).statusCode).toBe(409);

    const enabled = await api('PATCH', '/admin/plugins/civicjobs', { enabled: true, config: { baseUrl: site.origin } });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ enabled: true, config: { baseUrl: site.origin }, schedule: '0 */4 * * *' });
    expect(enabled.json().nextRunAt).toEqual(expect.any(String));

    const first = await runToSuccess();
    expect(first).toMatchObject({ status: 'success', trigger: 'manual', pluginVersion: '1.0.0', jobsUpdated: 0, jobsArchived: 0, errorMessage: null });
    expect(first.jobsFound).toBeGreaterThanOrEqual(13);
    expect(first.jobsAdded).toBeGreaterThanOrEqual(10);
    expect(first.requests).toBeGreaterThan(first.jobsFound as number);
    // Every request went to the recorded site, robots.txt first.
    expect(site.requests[0].url).toBe('/robots.txt');

    const second = await runToSuccess();
    // SDK 1.1: the unchanged re-crawl reports the stored jobs still listed (no detail page read) and
    // does not re-read the role the engine skipped either (it remembers skipped postings): it finds
    // the kept jobs, unchanged, and the skipped role skipped again.
    expect(second).toMatchObject({ status: 'success', jobsAdded: 0, jobsArchived: 0, jobsFound: first.jobsAdded, jobsSkipped: first.jobsSkipped });
    expect(second.jobsUnchanged).toBe(first.jobsAdded);
    expect(second.requests).toBeLessThan(first.requests as number);

    const em = t.db.orm.em.fork();
    const jobs = await em.find(Job, { source: { pluginId: 'civicjobs' } });
    expect(jobs).toHaveLength(first.jobsAdded as number);
    expect(new Set(jobs.map((j) => j.originalUrl)).size).toBe(jobs.length);
    expect(jobs.every((j) => j.isActive && j.originalUrl.startsWith(site.origin))).toBe(true);

    const listed = (await api('GET', '/admin/plugins/civicjobs')).json();
    expect(listed).toMatchObject({ enabled: true, paused: false, consecutiveFailures: 0, lastRun: { status: 'success', jobsAdded: 0 }, inFlight: null });
  });
});
