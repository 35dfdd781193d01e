import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gotTransport, type Transport } from '@pathfinder/sdk';
import { FakeClock } from '@pathfinder/sdk/testing';
import { useTestDatabase } from '../../src/testing/index.js';
import { DataSource, Job, type IDataSource } from '../../src/db/entities/index.js';
import { runLinkCheck } from '../../src/links/run-link-check.js';
import { linkReport } from '../../src/links/link-report.js';

const db = useTestDatabase();
// The test sites listen on loopback, which the link checker refuses unless the allow-list names it.
const LOCAL = ['127.0.0.1'];
const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-11-20T08:00:00Z');

let server: http.Server;
let origin: string;
let refusedOrigin: string;
let flakyHealed = false;
const seen: string[] = [];

/** A site with every kind of answer a job link can give. */
function answer(req: http.IncomingMessage, res: http.ServerResponse): void {
  seen.push(`${req.method} ${req.url}`);
  const send = (status: number): void => {
    res.writeHead(status, { 'content-type': 'text/html' }).end(req.method === 'HEAD' ? undefined : `<p>${status}</p>`);
  };
  switch (new URL(req.url ?? '/', 'http://x').pathname) {
    case '/robots.txt': return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n');
    case '/ok': return send(200);
    case '/slow': return void setTimeout(() => send(200), 300);
    case '/to-home': return void res.writeHead(302, { location: '/' }).end();
    case '/': return send(200);
    case '/moved': return void res.writeHead(301, { location: '/ok' }).end();
    case '/gone': return send(404);
    case '/removed': return send(410);
    case '/boom': return send(500);
    case '/flaky': return send(flakyHealed ? 200 : 503);
    case '/forbidden': return send(403);
    case '/no-head': return send(req.method === 'HEAD' ? 405 : 200);
    case '/no-head-gone': return send(req.method === 'HEAD' ? 501 : 404);
    case '/head-lies': return send(req.method === 'HEAD' ? 404 : 200);
    default: return send(404);
  }
}

let source: IDataSource;
let counter = 0;

async function addJob(url: string, extra: { applicationDeadline?: Date } = {}): Promise<string> {
  const em = db.orm.em.fork();
  const n = ++counter;
  const job = em.create(Job, {
    title: `Co-op ${n}`, companyName: 'Northern Water', jobType: 'coop', description: 'Field work.', source: source.id,
    originalUrl: url, dedupeHash: `hash-${n}-${url}`.padEnd(64, '0').slice(0, 64), contentHash: 'c'.repeat(64), ...extra,
  });
  await em.flush();
  return job.id;
}

const jobById = (id: string) => db.orm.em.fork().findOneOrFail(Job, id);

/** The transport, timed on the fake clock: when each request started and ended. */
function timedTransport(clock: FakeClock, log: { url: string; start: number; end: number }[]): Transport {
  return async (req) => {
    const start = clock.now();
    try {
      return await gotTransport(req);
    } finally {
      log.push({ url: req.url, start, end: clock.now() });
    }
  };
}

beforeAll(async () => {
  server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago and is closed now: connection refused.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));

  const em = db.orm.em.fork();
  source = em.create(DataSource, { name: 'Northern Boards', sourceType: 'scraper', pluginId: 'northern', crawlDelaySeconds: 2, disallowedPaths: ['/admin'] });
  await em.flush();
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

beforeEach(async () => {
  await db.truncate('jobs');
  seen.length = 0;
});

describe('runLinkCheck', () => {
  it('remembers where a redirect took a live link and how long its answer took, not counting the polite wait', async () => {
    const moved = await addJob(`${origin}/to-home`);
    const slow = await addJob(`${origin}/slow`);
    const fine = await addJob(`${origin}/ok#apply`);
    await runLinkCheck(db.orm, { clock: new FakeClock(START), allowedPrivateHosts: LOCAL, maxRetries: 0 });
    expect(await jobById(moved)).toMatchObject({ isActive: true, linkFinalUrl: `${origin}/` });
    const slowJob = await jobById(slow);
    expect(slowJob).toMatchObject({ isActive: true, linkFinalUrl: null });
    expect(slowJob.linkResponseMs).toBeGreaterThanOrEqual(300);
    const fineJob = await jobById(fine);
    // Answered where it was asked (a fragment is no redirect); the 2-second crawl delay before it is not response time.
    expect(fineJob.linkFinalUrl).toBeNull();
    expect(fineJob.linkResponseMs).toBeLessThan(2000);
  });


  it('keeps live links, archives 404/410 and passed deadlines at once, falls back to GET, respects robots', async () => {
    const ids = {
      ok: await addJob(`${origin}/ok`),
      moved: await addJob(`${origin}/moved`),
      gone: await addJob(`${origin}/gone`),
      removed: await addJob(`${origin}/removed`),
      noHead: await addJob(`${origin}/no-head`),
      noHeadGone: await addJob(`${origin}/no-head-gone`),
      headLies: await addJob(`${origin}/head-lies`),
      forbidden: await addJob(`${origin}/forbidden`),
      private: await addJob(`${origin}/private/posting`),
      admin: await addJob(`${origin}/admin/posting`),
      boom: await addJob(`${origin}/boom`),
      refused: await addJob(`${refusedOrigin}/jobs/1`),
      expired: await addJob(`${origin}/ok?expired`, { applicationDeadline: new Date(START - 3600_000) }),
      open: await addJob(`${origin}/ok?open`, { applicationDeadline: new Date(START + DAY) }),
    };
    const clock = new FakeClock(START);
    const requests: { url: string; start: number; end: number }[] = [];
    const summary = await runLinkCheck(db.orm, { clock, transport: timedTransport(clock, requests), concurrency: 1, allowedPrivateHosts: LOCAL });

    expect(summary).toEqual({
      checked: 11, ok: 5, inconclusive: 1, failing: 2, skipped: 2, archived: { gone: 3, failing: 0, deadline: 1 },
    });
    const state = async (id: string) => {
      const j = await jobById(id);
      return [j.isActive, j.archiveReason ?? null, j.linkFailureCount, j.linkLastError ?? null];
    };
    expect(await state(ids.ok)).toEqual([true, null, 0, null]);
    expect(await state(ids.moved)).toEqual([true, null, 0, null]);
    expect(await state(ids.gone)).toEqual([false, 'HTTP 404', 0, 'HTTP 404']);
    expect(await state(ids.removed)).toEqual([false, 'HTTP 410', 0, 'HTTP 410']);
    expect(await state(ids.noHead)).toEqual([true, null, 0, null]);
    expect(await state(ids.noHeadGone)).toEqual([false, 'HTTP 404', 0, 'HTTP 404']);
    expect(await state(ids.headLies)).toEqual([true, null, 0, null]);
    expect(await state(ids.forbidden)).toEqual([true, null, 0, 'HTTP 403']);
    expect(await state(ids.expired)).toEqual([false, 'deadline passed', 0, null]);
    expect(await state(ids.open)).toEqual([true, null, 0, null]);
    const boom = await jobById(ids.boom);
    expect([boom.isActive, boom.linkFailureCount, boom.linkFailingSince?.getTime()]).toEqual([true, 1, expect.any(Number)]);
    expect(boom.linkLastError).toContain('500');
    const refused = await jobById(ids.refused);
    expect([refused.isActive, refused.linkFailureCount]).toEqual([true, 1]);
    expect(refused.linkLastError).toMatch(/robots\.txt unreachable|ECONNREFUSED/);
    // Disallowed (robots.txt, the source's own rules) is never requested, nor checked.
    expect((await jobById(ids.private)).linkCheckedAt ?? null).toBeNull();
    expect(seen.filter((r) => r.includes('/private') || r.includes('/admin'))).toEqual([]);
    expect(seen.some((r) => r.includes('expired'))).toBe(false);

    // HEAD first; GET only when HEAD is refused, or to confirm a 404.
    expect(seen.filter((r) => r.endsWith(' /ok'))).toEqual(['HEAD /ok', 'HEAD /ok']);
    expect(seen.filter((r) => r.endsWith('/no-head'))).toEqual(['HEAD /no-head', 'GET /no-head']);
    // 501 is a 5xx to the fetcher, so it tries HEAD once more before falling back to GET.
    expect(seen.filter((r) => r.endsWith('/no-head-gone'))).toEqual(['HEAD /no-head-gone', 'HEAD /no-head-gone', 'GET /no-head-gone']);
    expect(seen.filter((r) => r.endsWith('/head-lies'))).toEqual(['HEAD /head-lies', 'GET /head-lies']);
    // robots.txt first, then the source's 2 s delay between requests to the host (on the fake clock).
    const toHost = requests.filter((r) => r.url.startsWith(origin));
    expect(new URL(toHost[0].url).pathname).toBe('/robots.txt');
    const gaps = toHost.slice(1).map((r, i) => r.start - toHost[i].end);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000);
  });

  it('archives a failing link only after 3 failed checks over 2 days; a success resets the count', async () => {
    flakyHealed = false;
    const boom = await addJob(`${origin}/boom`);
    const flaky = await addJob(`${origin}/flaky`);
    const refused = await addJob(`${refusedOrigin}/jobs/2`);
    const clock = new FakeClock(START);
    const run = async (at: number) => {
      clock.set(at);
      return runLinkCheck(db.orm, { clock, minIntervalMs: 0, allowedPrivateHosts: LOCAL });
    };

    await run(START);
    await run(START + 4 * 3600_000);
    // Three failures, but all within a day: still listed.
    flakyHealed = true;
    const day1 = await run(START + DAY);
    expect(day1).toMatchObject({ failing: 2, ok: 1, archived: { failing: 0 } });
    expect(await jobById(boom)).toMatchObject({ isActive: true, linkFailureCount: 3 });
    const healed = await jobById(flaky);
    expect([healed.isActive, healed.linkFailureCount, healed.linkFailingSince ?? null, healed.linkLastError ?? null]).toEqual([true, 0, null, null]);

    const day2 = await run(START + 2 * DAY);
    expect(day2.archived.failing).toBe(2);
    for (const id of [boom, refused]) {
      const job = await jobById(id);
      expect([job.isActive, job.archiveReason, job.linkFailureCount]).toEqual([false, 'link: failing since 2026-11-20', 4]);
      expect(job.archivedAt?.getTime()).toBeGreaterThanOrEqual(START + 2 * DAY);
    }
    expect((await jobById(flaky)).isActive).toBe(true);

    const report = await linkReport(db.orm, { since: new Date(START) });
    expect(report.archived).toEqual({ gone: 0, failing: 2, deadline: 0 });
    expect(report.failing).toEqual([]);
  });

  it('leaves recently checked links for the next run, and lists failing links in the report', async () => {
    const boom = await addJob(`${origin}/boom`);
    const clock = new FakeClock(START);
    expect((await runLinkCheck(db.orm, { clock, allowedPrivateHosts: LOCAL })).failing).toBe(1);
    clock.set(START + 3600_000);
    expect(await runLinkCheck(db.orm, { clock, allowedPrivateHosts: LOCAL })).toMatchObject({ checked: 0, failing: 0 });
    const report = await linkReport(db.orm, { since: new Date(START) });
    expect(report.failing).toEqual([expect.objectContaining({ jobId: boom, failureCount: 1, sourceName: 'Northern Boards' })]);
    expect(report.failing[0].failingSince.getTime()).toBeGreaterThanOrEqual(START);
  });
});

describe('server-side request forgery', () => {
  it('refuses a link to a loopback address or to a name resolving there: no request, recorded as failing with the address', async () => {
    const literal = await addJob(`${origin}/latest/meta-data/iam/security-credentials/`);
    const named = await addJob(`http://jobs.evil.test:${new URL(origin).port}/latest/meta-data/`);
    const clock = new FakeClock(START);
    const resolveHost = async (hostname: string) => {
      if (hostname !== 'jobs.evil.test') throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const lines: string[] = [];
    const log = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (m: string, d?: object) => lines.push(`${m} ${JSON.stringify(d)}`) };
    const summary = await runLinkCheck(db.orm, { clock, resolveHost, log, minIntervalMs: 0 });

    expect(summary).toMatchObject({ checked: 2, ok: 0, failing: 2 });
    // The server never heard of it: not the page, not even robots.txt.
    expect(seen).toEqual([]);
    const a = await jobById(literal);
    expect([a.isActive, a.linkFailureCount]).toEqual([true, 1]);
    expect(a.linkLastError).toMatch(/^PF_ERR_PRIVATE_ADDRESS: Refused to connect to 127\.0\.0\.1: a loopback address/);
    const b = await jobById(named);
    expect(b.linkLastError).toMatch(/^PF_ERR_PRIVATE_ADDRESS: Refused to connect to jobs\.evil\.test \(resolved to 127\.0\.0\.1\)/);
    expect(lines.filter((l) => l.startsWith('link refused: private address'))).toHaveLength(2);
    const report = await linkReport(db.orm, { since: new Date(START) });
    expect(report.failing.map((f) => [f.jobId, f.lastError?.slice(0, 22)])).toEqual(expect.arrayContaining([
      [literal, 'PF_ERR_PRIVATE_ADDRESS'], [named, 'PF_ERR_PRIVATE_ADDRESS'],
    ]));
  });

  it('checks such a link when the allow-list names the host', async () => {
    const literal = await addJob(`${origin}/ok`);
    const summary = await runLinkCheck(db.orm, { clock: new FakeClock(START), allowedPrivateHosts: ['127.0.0.1'], minIntervalMs: 0 });
    expect(summary).toMatchObject({ checked: 1, ok: 1, failing: 0 });
    expect(seen).toEqual(['GET /robots.txt', 'HEAD /ok']);
    expect((await jobById(literal)).linkLastError ?? null).toBeNull();
  });
});
