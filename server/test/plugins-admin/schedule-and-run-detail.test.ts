/**
 * What the admin console needs besides the plugin list: the next three run times of a plugin and
 * of a cron expression being typed (checked as the PATCH checks it), and one run with its samples
 * of skipped and invalid postings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler, syncDataSources } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { eventually, inlinePlugin, posting, registryOf } from './support.js';

const mixed = inlinePlugin('mixed', async function* () {
  yield posting(1);
  // A senior role is skipped by the pipeline; a posting without a title fails validation.
  yield { ...posting(2), title: 'Senior Director of Water Policy' };
  yield { ...posting(3), title: '' };
});
const registry = registryOf(mixed);
const services: Record<string, unknown> = {};
const t = useTestApp({ services });
let scheduler: Scheduler;
let admin: TestSession;
let superuser: TestSession;
let student: TestSession;

beforeAll(async () => {
  await syncDataSources(t.db.orm.em.fork(), registry.plugins);
  scheduler = new Scheduler({
    connectionString: t.db.url, orm: t.db.orm, registry, cron: false, pollingIntervalSeconds: 0.5, coordinator: false, retry: { limit: 0 },
  });
  await scheduler.start();
  await scheduler.syncSchedules();
  services.scheduler = scheduler;
  admin = await createUserSession(t.app, 'admin');
  superuser = await createUserSession(t.app, 'superuser');
  student = await createUserSession(t.app, 'student');
});

afterAll(async () => {
  await scheduler?.stop();
});

const get = (url: string, who?: TestSession) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who?.headers });

describe('next run times', () => {
  it('lists the next three runs of a plugin, one day apart for a daily schedule, none while disabled', async () => {
    const plugin = (await get('/admin/plugins/mixed', admin)).json();
    expect(plugin.upcomingRuns).toHaveLength(3);
    expect(plugin.upcomingRuns[0]).toBe(plugin.nextRunAt);
    const times = (plugin.upcomingRuns as string[]).map((s) => Date.parse(s));
    // 05:00 Toronto time daily: 23 to 25 hours apart (a daylight-saving change may fall between).
    for (const gap of [times[1]! - times[0]!, times[2]! - times[1]!]) expect(gap / 3_600_000).toBeGreaterThanOrEqual(23);
    const off = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/plugins/mixed', headers: admin.headers, payload: { enabled: false } });
    expect(off.json()).toMatchObject({ enabled: false, upcomingRuns: [] });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/plugins/mixed', headers: admin.headers, payload: { enabled: true } });
  });

  it('checks a cron expression and gives its next three times in America/Toronto', async () => {
    const res = await get(`/admin/schedule-preview?schedule=${encodeURIComponent('30 6 * * 1')}`, superuser);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ schedule: '30 6 * * 1', timezone: 'America/Toronto' });
    expect(body.nextRuns).toHaveLength(3);
    for (const iso of body.nextRuns as string[]) {
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
      expect(local.replace(',', '')).toBe('Mon 06:30');
    }
    expect(Date.parse(body.nextRuns[0])).toBeGreaterThan(Date.now());
  });

  it('refuses what cannot be a schedule with a 400 naming it, and strangers', async () => {
    for (const bad of ['* * *', '0 99 * * *', 'H 5 * * *']) {
      const res = await get(`/admin/schedule-preview?schedule=${encodeURIComponent(bad)}`, admin);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'PF_ERR_VALIDATION', message: expect.stringMatching(/^schedule: /) });
    }
    expect((await get('/admin/schedule-preview?schedule=0%205%20*%20*%20*')).statusCode).toBe(401);
    expect((await get('/admin/schedule-preview?schedule=0%205%20*%20*%20*', student)).statusCode).toBe(403);
  });
});

describe('GET /admin/scrape-logs/{id}', () => {
  it('shows one run with its counts and samples of skipped and invalid postings', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/admin/plugins/mixed/run', headers: admin.headers });
    expect(started.statusCode).toBe(202);
    const { runId } = started.json();
    const run = await eventually(async () => {
      const res = await get(`/admin/scrape-logs/${runId}`, superuser);
      return res.statusCode === 200 && !['queued', 'running'].includes(res.json().status) ? res.json() : undefined;
    }, 'the run to end');
    expect(run).toMatchObject({
      id: runId, status: expect.stringMatching(/^(success|partial)$/), trigger: 'manual', jobsAdded: 1, jobsSkipped: 1, jobsInvalid: 1,
      source: { pluginId: 'mixed' },
      details: { skipped: [{ title: 'Senior Director of Water Policy', reason: expect.any(String) }], invalid: [{ errors: [expect.stringMatching(/title/)] }], limited: false },
    });
    expect((await get('/admin/scrape-logs/nosuchrun', admin)).statusCode).toBe(404);
    expect((await get(`/admin/scrape-logs/${runId}`, student)).statusCode).toBe(403);
  });
});

describe('POST /admin/reports/links/check', () => {
  it('queues one link check for a worker; asked again while it waits, queues no second one', async () => {
    const post = (who: TestSession) => t.app.inject({ method: 'POST', url: '/api/v1/admin/reports/links/check', headers: who.headers });
    expect((await post(superuser)).statusCode).toBe(403);
    const first = await post(admin);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ queued: true, jobId: expect.any(String) });
    // The queue is `stately` (one waiting, one running at most): the waiting check covers this request too.
    expect((await post(admin)).json()).toEqual({ queued: false, jobId: null });
    const jobs = await t.db.orm.em.getConnection().execute<{ id: string; state: string }[]>("select id, state from pgboss.job where name = 'link-check'");
    expect(jobs).toEqual([{ id: first.json().jobId, state: 'created' }]);
    const logged = await t.db.orm.em.getConnection().execute<{ n: number }[]>("select count(*)::int as n from access_logs where action = 'admin.links.check' and outcome = 'success'");
    expect(logged[0]!.n).toBe(2);
  });
});
