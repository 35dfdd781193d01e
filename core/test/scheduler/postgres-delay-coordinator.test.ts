import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PoliteFetcher, type RequestRecord } from '@pathfinder/sdk';
import { FakeClock } from '@pathfinder/sdk/testing';
import { useTestDatabase } from '../../src/testing/index.js';
import { createOrm } from '../../src/db/orm.js';
import { PostgresDelayCoordinator } from '../../src/scheduler/postgres-delay-coordinator.js';

const db = useTestDatabase();

const slotOf = async (host: string) => {
  const row = (await db.orm.em.getConnection().execute('select next_allowed_at from host_slots where host = ?', [host], 'get')) as { next_allowed_at: Date };
  return new Date(row.next_allowed_at).getTime();
};

describe('PostgresDelayCoordinator (fake clock)', () => {
  const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

  it('gives a free host at once and holds it until released; the next taker waits for end + delay', async () => {
    const clockA = new FakeClock(T0);
    const clockB = new FakeClock(T0);
    const a = new PostgresDelayCoordinator(db.orm, { clock: clockA, holdMs: 60_000 });
    const b = new PostgresDelayCoordinator(db.orm, { clock: clockB, holdMs: 60_000, pollMs: 250 });

    expect(await a.reserve('jobs.example.ca', 1_000, T0)).toBe(T0);
    expect(await slotOf('jobs.example.ca')).toBe(T0 + 1_000 + 60_000);
    await a.release('jobs.example.ca', T0 + 200, 1_000);
    expect(await slotOf('jobs.example.ca')).toBe(T0 + 1_200);

    clockB.set(T0 + 300);
    expect(await b.reserve('jobs.example.ca', 1_000, T0 + 300)).toBe(T0 + 1_200);
    // It waited in poll-sized steps, never past the released time.
    expect(clockB.sleeps.every((ms) => ms <= 250)).toBe(true);
    await b.release('jobs.example.ca', T0 + 1_500, 1_000);
    expect(await slotOf('jobs.example.ca')).toBe(T0 + 2_500);
  });

  it('a holder that never releases frees the host after its hold; its late release does not shorten the new hold', async () => {
    const clock = new FakeClock(T0);
    const dead = new PostgresDelayCoordinator(db.orm, { clock, holdMs: 5_000 });
    const next = new PostgresDelayCoordinator(db.orm, { clock, holdMs: 5_000, pollMs: 1_000 });
    expect(await dead.reserve('board.example.ca', 2_000, T0)).toBe(T0);
    const taken = await next.reserve('board.example.ca', 2_000, T0);
    expect(taken).toBe(T0 + 7_000);
    await dead.release('board.example.ca', T0 + 7_100, 2_000);
    expect(await slotOf('board.example.ca')).toBe(T0 + 7_000 + 7_000);
  });

  it('stops waiting when the crawl is cancelled', async () => {
    const clock = new FakeClock(T0);
    const holder = new PostgresDelayCoordinator(db.orm, { clock, holdMs: 600_000 });
    await holder.reserve('slow.example.ca', 1_000, T0);
    const controller = new AbortController();
    const waiter = new PostgresDelayCoordinator(db.orm, { clock, pollMs: 1_000, signal: controller.signal });
    const pending = waiter.reserve('slow.example.ca', 1_000, T0);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'PF_ERR_ABORTED' });
  });
});

describe('two workers against one host (real clock)', () => {
  let server: http.Server;
  let origin: string;
  let second: MikroORM;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(404).end();
        return;
      }
      // A little work per response, so a worker that ignored the other's in-flight request would show.
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${req.url}</p>`), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The second "worker" has its own connection pool, like another process.
    second = await createOrm(db.url);
  });

  afterAll(async () => {
    await second?.close();
    await new Promise((r) => server.close(r));
  });

  it('never sends two requests to the host closer than its delay (end of one to start of the next)', async () => {
    const delaySeconds = 0.25;
    const fetcherFor = (orm: MikroORM) => new PoliteFetcher({
      policy: { crawlDelaySeconds: delaySeconds, disallowedPaths: [] },
      // The test server listens on loopback, which the fetcher refuses unless named.
      allowedPrivateHosts: ['127.0.0.1'],
      coordinator: new PostgresDelayCoordinator(orm, { pollMs: 20 }),
    });
    const one = fetcherFor(db.orm);
    const two = fetcherFor(second);
    await Promise.all([
      (async () => { for (let i = 0; i < 4; i++) await one.fetch(`${origin}/a/${i}`); })(),
      (async () => { for (let i = 0; i < 4; i++) await two.fetch(`${origin}/b/${i}`); })(),
    ]);

    const all: RequestRecord[] = [...one.requests, ...two.requests].sort((x, y) => x.startedAt - y.startedAt);
    expect(all.filter((r) => r.kind === 'page')).toHaveLength(8);
    // (Without the coordinator both workers start at once: their robots.txt requests overlap and this fails.)
    const gaps = all.slice(1).map((r, i) => r.startedAt - all[i].endedAt);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(delaySeconds * 1000);
  });
});
