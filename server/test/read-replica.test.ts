import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { connectAndMigrate, ensureDatabase, READ_APPLICATION_NAME, startEmbeddedPostgres, type EmbeddedCluster } from '@pathfinder/core';
import { startReplica, type ReplicaCluster } from '@pathfinder/core/testing';
import { buildApp } from '../src/app.js';
import { testConfig } from './helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS, type TestSession } from './support/auth.js';
import { login, register } from './auth/auth-flows.js';

// A real streaming replica: this file starts its own primary (not the suite's shared cluster), makes
// a standby of it, and runs the app with DATABASE_URL on the primary and DATABASE_READ_URL on the
// standby. Pausing the standby's replay is what shows who answers: a job written through the API is
// on the primary at once, and in searches only once the standby has replayed it.

let tmp: string;
let primary: EmbeddedCluster | undefined;
let replica: ReplicaCluster | undefined;
let orm: MikroORM | undefined;
let app: FastifyInstance | undefined;
let employer: TestSession;
let admin: TestSession;
let primaryUrl: string;
let replicaUrl: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-replica-test-'));
  primary = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'primary') });
  await ensureDatabase(primary.adminUrl, 'pathfinder');
  primaryUrl = primary.databaseUrl('pathfinder');
  const migrated = await connectAndMigrate(primaryUrl);
  await migrated.orm.close();
  replica = await startReplica(primary, { dataDir: path.join(tmp, 'replica') });
  replicaUrl = replica.databaseUrl('pathfinder');
  // The way `serve` opens it: migrations on the primary, the replica as the read connection.
  ({ orm } = await connectAndMigrate(primaryUrl, { readUrl: replicaUrl }));
  app = await buildApp({
    config: testConfig({ databaseUrl: primaryUrl, databaseReadUrl: replicaUrl }),
    orm,
    logger: false,
    // Answers would live 5 minutes even before the listener proves itself: only the catch-up clear can refresh them.
    services: { rateLimits: RELAXED_RATE_LIMITS, searchCache: { ttlSeconds: 300, fallbackTtlSeconds: 300 } },
  });
  await app.ready();
  [employer, admin] = await Promise.all([createUserSession(app, 'employer'), createUserSession(app, 'admin')]);
  await replica.waitForReplay();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await orm?.close(true);
  await replica?.stop();
  await primary?.stop();
  // Outside tmp when the `postgres` account could not enter it (a 0700 temp folder, as root).
  if (primary) await fs.rm(primary.clusterDir, { recursive: true, force: true });
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}, 60_000);

const api = (method: 'GET' | 'POST', url: string, who?: TestSession, payload?: object) =>
  app!.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

async function countOn(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('DATABASE_READ_URL: a streaming replica', () => {
  it('serves searches; a job written on the primary is found once the replica has replayed it', async () => {
    const word = `replicated${Date.now().toString(36)}`;
    const search = async () => (await api('GET', `/jobs?q=${word}`)).json() as { total: number; items: { id: string }[] };
    expect((await search()).total).toBe(0);
    // The app's read connections are on the replica, under their own name.
    expect(await countOn(replicaUrl, 'select 1 from pg_stat_activity where application_name = $1', [READ_APPLICATION_NAME])).toBeGreaterThan(0);

    await replica!.pauseReplay();
    let jobId: string;
    try {
      const created = await api('POST', '/jobs', employer, {
        title: `Data Analyst Co-op ${word}`, originalUrl: `https://careers.example.com/jobs/${word}`,
        description: `A co-op term about ${word} pipelines.`, city: 'Ottawa', province: 'ON',
      });
      expect(created.statusCode, created.body).toBe(201);
      jobId = created.json().id;
      // The write went to the primary; the paused replica has not got it.
      expect(await countOn(primaryUrl, 'select 1 from jobs where id = $1', [jobId])).toBe(1);
      expect(await countOn(replicaUrl, 'select 1 from jobs where id = $1', [jobId])).toBe(0);

      // Searches read the replica: the primary's new job is not there yet, for GET or POST.
      expect(await search()).toMatchObject({ total: 0, items: [] });
      expect((await api('POST', '/jobs/search', undefined, { q: word })).json().total).toBe(0);
      // An admin's search of archived jobs too is an admin screen: it reads the primary.
      expect((await api('GET', `/jobs?q=${word}&includeArchived=true`, admin)).json().total).toBe(1);
      // The job's own page: the replica does not have it yet, so the primary is asked before a 404.
      expect((await api('GET', `/jobs/${jobId}`)).json()).toMatchObject({ id: jobId });
    } finally {
      await replica!.resumeReplay();
    }

    // The empty answer above was cached; the replica catching up clears it (notifications alone
    // came before the replica had the job), so the same search now finds it.
    await expect.poll(async () => (await search()).items.map((i) => i.id), { timeout: 10_000, interval: 100 }).toEqual([jobId]);
  });

  it('keeps sign-in on the primary: a user registered a moment ago can log in while the replica lags', async () => {
    await replica!.pauseReplay();
    try {
      const user = await register(app!);
      expect(await countOn(replicaUrl, 'select 1 from users where id = $1', [user.id])).toBe(0);
      const session = await login(app!, user.email);
      const me = await app!.inject({ method: 'GET', url: '/api/v1/users/me', headers: session.headers });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json()).toMatchObject({ id: user.id, email: user.email });
    } finally {
      await replica!.resumeReplay();
    }
  });

  it('/health reports the replica; with it gone, searches answer 503 (never 500) while sign-in and writes go on', async () => {
    expect((await app!.inject('/health')).json()).toMatchObject({ status: 'ok', db: 'up', replica: 'up' });
    await replica!.stop();
    const health = await app!.inject('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', db: 'up', replica: 'down' });
    const search = await api('GET', '/jobs?q=anything');
    expect(search.statusCode, search.body).toBe(503);
    expect(search.json()).toMatchObject({ code: 'PF_ERR_DB_UNAVAILABLE' });
    const user = await register(app!);
    expect((await login(app!, user.email)).user.id).toBe(user.id);
  });
});
