import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { AccessLog, Scheduler, syncDataSources } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { eventually, gate, inlinePlugin, posting, registryOf } from './support.js';

let quickRuns = 0;
let hold: ReturnType<typeof gate> | undefined;
const quick = inlinePlugin('quick', async function* () {
  quickRuns++;
  yield posting(1);
  yield posting(2);
});
const slow = inlinePlugin('slow', async function* () {
  if (hold) await hold.promise;
  yield posting(10);
});
const tunable = inlinePlugin('tunable', async function* (ctx) {
  yield posting(20 + Number(ctx.config.pages));
}, { configSchema: Type.Object({ pages: Type.Integer({ minimum: 1, maximum: 10, default: 2 }) }, { additionalProperties: false }) });
const registry = registryOf(quick, slow, tunable);

const services: Record<string, unknown> = {};
const t = useTestApp({ services });
let scheduler: Scheduler;
let admin: TestSession;
let superuser: TestSession;
let student: TestSession;

beforeAll(async () => {
  await syncDataSources(t.db.orm.em.fork(), registry.plugins);
  scheduler = new Scheduler({
    connectionString: t.db.url, orm: t.db.orm, registry, cron: false, pollingIntervalSeconds: 0.5, cancelPollMs: 100,
    coordinator: false, retry: { limit: 0 },
    // As PATHFINDER_ALLOWED_PRIVATE_HOSTS=127.0.0.1 would: a local mirror may be saved, nothing else private.
    allowedPrivateHosts: ['127.0.0.1'],
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

const get = (url: string, who?: TestSession) => t.app.inject({ method: 'GET', url, headers: who?.headers });
const patch = (id: string, body: unknown, who: TestSession = admin) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/admin/plugins/${id}`, headers: who.headers, payload: body as object });
const run = (id: string, who: TestSession = admin) => t.app.inject({ method: 'POST', url: `/api/v1/admin/plugins/${id}/run`, headers: who.headers });
const logStatus = async (runId: string) => {
  const res = await get('/api/v1/admin/scrape-logs?limit=100', admin);
  return (res.json().items as { id: string; status: string }[]).find((i) => i.id === runId)?.status;
};

describe('who may manage plugins', () => {
  it('401 without a session, 403 for a student, read-only for a superuser', async () => {
    expect((await get('/api/v1/admin/plugins')).statusCode).toBe(401);
    expect((await get('/api/v1/admin/plugins', student)).statusCode).toBe(403);
    expect((await get('/api/v1/admin/scrape-logs', student)).statusCode).toBe(403);
    expect((await get('/api/v1/admin/plugins', superuser)).statusCode).toBe(200);
    expect((await get('/api/v1/admin/scrape-logs', superuser)).statusCode).toBe(200);
    expect((await patch('quick', { enabled: false }, superuser)).statusCode).toBe(403);
    expect((await run('quick', superuser)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/plugins/quick/run' })).statusCode).toBe(401);
    const denied = await t.db.orm.em.fork().find(AccessLog, { action: 'admin.plugin.run', outcome: 'denied' });
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /admin/plugins', () => {
  it('lists every plugin with its version, schedule, next run, settings and last run', async () => {
    const res = await get('/api/v1/admin/plugins', admin);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toEqual(['quick', 'slow', 'tunable']);
    expect(items[0]).toMatchObject({
      id: 'quick', name: 'Board quick', version: '3.1.0', sdkRange: '^1.0.0', enabled: true, schedule: '0 5 * * *',
      scheduleOverride: null, timezone: 'America/Toronto', paused: false, pauseReason: null, lastRun: null, inFlight: null, config: {},
      nextRunAt: expect.stringMatching(/T(09|10):00:00\.000Z$/),
    });
    expect(items[2].configSchema).toMatchObject({ type: 'object', properties: { pages: { type: 'integer', default: 2 } } });
    expect((await get('/api/v1/admin/plugins/tunable', superuser)).json()).toMatchObject({ id: 'tunable' });
    expect((await get('/api/v1/admin/plugins/nope', admin)).statusCode).toBe(404);
    expect((await get('/api/v1/admin/plugins/Not%20an%20id', admin)).statusCode).toBe(400);
  });
});

describe('PATCH /admin/plugins/{id}', () => {
  it('disables and enables (the schedule follows), overrides the schedule, and logs each write', async () => {
    const off = await patch('quick', { enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, nextRunAt: null });
    expect((await scheduler.schedules()).map((s) => s.name)).not.toContain('crawl:quick');

    const on = await patch('quick', { enabled: true, schedule: '0 7 * * 1-5' });
    expect(on.json()).toMatchObject({ enabled: true, schedule: '0 7 * * 1-5', scheduleOverride: '0 7 * * 1-5' });
    expect((await scheduler.schedules()).find((s) => s.name === 'crawl:quick')).toMatchObject({ cron: '0 7 * * 1-5', timezone: 'America/Toronto' });
    expect((await patch('quick', { schedule: null })).json()).toMatchObject({ schedule: '0 5 * * *', scheduleOverride: null });

    const logs = await t.db.orm.em.fork().find(AccessLog, { action: 'admin.plugin.update', outcome: 'success' }, { orderBy: { at: 'asc' } });
    expect(logs.map((l) => [l.resource, l.user])).toEqual([
      ['plugin:quick', expect.anything()], ['plugin:quick', expect.anything()], ['plugin:quick', expect.anything()],
    ]);
    expect(logs[1].details).toMatchObject({ changed: ['enabled', 'schedule'], enabled: true, schedule: '0 7 * * 1-5' });
  });

  it('validates the config against the plugin schema (baseUrl always allowed) and the cron, changing nothing on error', async () => {
    const ok = await patch('tunable', { config: { pages: 4, baseUrl: 'http://127.0.0.1:9999/mirror' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().config).toEqual({ pages: 4, baseUrl: 'http://127.0.0.1:9999/mirror' });

    const bad = [
      [{ config: { pages: 0 } }, 'PF_ERR_CONFIG_INVALID', /pages/],
      [{ config: { pages: 2, colour: 'red' } }, 'PF_ERR_CONFIG_INVALID', /colour/],
      [{ config: { baseUrl: 'javascript:alert(1)' } }, 'PF_ERR_CONFIG_INVALID', /baseUrl/],
      [{ config: { baseUrl: 'not a url' } }, 'PF_ERR_CONFIG_INVALID', /baseUrl/],
      // Literal special-purpose hosts outside the allow-list, however they are spelled (server-side request forgery).
      [{ config: { baseUrl: 'http://169.254.169.254/latest/meta-data/' } }, 'PF_ERR_PRIVATE_ADDRESS', /baseUrl: 169\.254\.169\.254 is a link-local address/],
      [{ config: { baseUrl: 'http://0xa9.0xfe.0xa9.0xfe/latest/' } }, 'PF_ERR_PRIVATE_ADDRESS', /169\.254\.169\.254/],
      [{ config: { baseUrl: 'http://[::ffff:a9fe:a9fe]/latest/' } }, 'PF_ERR_PRIVATE_ADDRESS', /link-local/],
      [{ config: { baseUrl: 'https://10.0.0.8/jobs' } }, 'PF_ERR_PRIVATE_ADDRESS', /private/],
      [{ config: { baseUrl: 'http://[::1]:9999/mirror' } }, 'PF_ERR_PRIVATE_ADDRESS', /loopback/],
      [{ schedule: '* * *' }, 'PF_ERR_VALIDATION', /schedule/],
      [{ schedule: '0 99 * * *', enabled: false }, 'PF_ERR_VALIDATION', /schedule/],
      [{ schedule: 'x'.repeat(500) }, 'PF_ERR_VALIDATION', /schedule/],
      [{}, 'PF_ERR_VALIDATION', /body/],
      [{ enabled: 'maybe' }, 'PF_ERR_VALIDATION', /enabled/],
      [{ config: 'pages=3' }, 'PF_ERR_VALIDATION', /config/],
    ] as const;
    for (const [body, code, message] of bad) {
      const res = await patch('tunable', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json()).toMatchObject({ code });
      expect(res.json().message).toMatch(message);
    }
    const after = (await get('/api/v1/admin/plugins/tunable', admin)).json();
    expect(after).toMatchObject({ enabled: true, config: { pages: 4, baseUrl: 'http://127.0.0.1:9999/mirror' }, scheduleOverride: null });
    const failures = await t.db.orm.em.fork().count(AccessLog, { action: 'admin.plugin.update', outcome: 'failure', resource: 'plugin:tunable' });
    expect(failures).toBe(bad.length);

    expect((await patch('nope', { enabled: true })).statusCode).toBe(404);
    const malformed = await t.app.inject({
      method: 'PATCH', url: '/api/v1/admin/plugins/tunable', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"enabled":',
    });
    expect(malformed.statusCode).toBe(400);
  });
});

describe('POST /admin/plugins/{id}/run and GET /admin/scrape-logs', () => {
  it('queues a run (202 + runId) that a worker takes; the scrape log shows it to the end', async () => {
    const res = await run('quick');
    expect(res.statusCode).toBe(202);
    const { runId } = res.json();
    expect(runId).toEqual(expect.any(String));
    await eventually(async () => (await logStatus(runId)) === 'success', 'the run to succeed');
    const logs = (await get(`/api/v1/admin/scrape-logs?source=quick&status=success`, admin)).json();
    expect(logs.items[0]).toMatchObject({
      id: runId, source: { pluginId: 'quick', name: 'Board quick', sourceType: 'scraper' }, status: 'success', trigger: 'manual',
      jobsFound: 2, jobsAdded: 2, jobsUpdated: 0, jobsUnchanged: 0, jobsArchived: 0, jobsSkipped: 0, pluginVersion: '3.1.0', errorMessage: null,
      startedAt: expect.stringMatching(/Z$/), completedAt: expect.stringMatching(/Z$/),
    });
    const listed = (await get('/api/v1/admin/plugins/quick', admin)).json();
    expect(listed.lastRun).toMatchObject({ id: runId, status: 'success', jobsAdded: 2 });
    const audit = await t.db.orm.em.fork().findOneOrFail(AccessLog, { action: 'admin.plugin.run', outcome: 'success' });
    expect(audit.details).toEqual({ runId });
  });

  it('409 while a run of the plugin is queued or running, and for a disabled plugin; 404 for an unknown one', async () => {
    hold = gate();
    const first = await run('slow');
    expect(first.statusCode).toBe(202);
    const { runId } = first.json();
    const again = await run('slow');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toMatch(/^PF_ERR_CRAWL_(QUEUED|RUNNING)$/);
    await eventually(async () => (await logStatus(runId)) === 'running', 'the run to start');
    const whileRunning = await run('slow');
    expect(whileRunning.statusCode).toBe(409);
    expect(whileRunning.json()).toMatchObject({ code: 'PF_ERR_CRAWL_RUNNING', details: { runId } });
    expect((await get('/api/v1/admin/plugins/slow', admin)).json().inFlight).toEqual({ state: 'running', runId });
    hold.open();
    hold = undefined;
    await eventually(async () => (await logStatus(runId)) === 'success', 'the run to end');

    await patch('slow', { enabled: false });
    const disabled = await run('slow');
    expect(disabled.statusCode).toBe(409);
    expect(disabled.json().code).toBe('PF_ERR_PLUGIN_DISABLED');
    await patch('slow', { enabled: true });
    expect((await run('nope')).statusCode).toBe(404);
  });

  it('filters by source and status, pages with a cursor, and refuses bad input', async () => {
    await eventually(async () => !(await scheduler.crawlInFlight((await scheduler.listPlugins(new Date(), ['quick']))[0]!.sourceId)), 'quick to be idle');
    const second = (await run('quick')).json().runId as string;
    await eventually(async () => (await logStatus(second)) === 'success', 'the second run');
    const page1 = (await get('/api/v1/admin/scrape-logs?source=quick&limit=1', admin)).json();
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([second]);
    expect(page1.items[0]).toMatchObject({ jobsAdded: 0, jobsUnchanged: 2 });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await get(`/api/v1/admin/scrape-logs?source=quick&limit=1&cursor=${encodeURIComponent(page1.nextCursor)}`, admin)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0].id).not.toBe(second);
    expect(page2.nextCursor).toBeNull();
    const bySourceId = (await get(`/api/v1/admin/scrape-logs?source=${page1.items[0].source.id}`, admin)).json();
    expect(bySourceId.items).toHaveLength(2);
    expect((await get('/api/v1/admin/scrape-logs?status=failed', admin)).json().items).toEqual([]);
    expect((await get('/api/v1/admin/scrape-logs?status=exploded', admin)).statusCode).toBe(400);
    expect((await get('/api/v1/admin/scrape-logs?cursor=garbage', admin)).statusCode).toBe(400);
    expect((await get('/api/v1/admin/scrape-logs?limit=1000', admin)).statusCode).toBe(400);
    expect((await get(`/api/v1/admin/scrape-logs?source=${'x'.repeat(100)}`, admin)).statusCode).toBe(400);
    expect((await get("/api/v1/admin/scrape-logs?source=' or 1=1 --", admin)).json().items).toEqual([]);
  });

  it('answers 503 where no scheduler runs', async () => {
    delete services.scheduler;
    try {
      const res = await get('/api/v1/admin/plugins', admin);
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('PF_ERR_SCHEDULER_UNAVAILABLE');
    } finally {
      services.scheduler = scheduler;
    }
  });
});
