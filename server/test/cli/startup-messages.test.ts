import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '@pathfinder/core/testing';
import { PATHFINDER_BIN, runNode } from '../scaffold/child-process.js';

// Real `pathfinder serve` processes against a misbehaving database port and an unwritable data folder.

let blackHole: net.Server;
let port: number;
const held: net.Socket[] = [];

beforeAll(async () => {
  // Accepts connections and never says a word (a firewall, a stuck proxy).
  blackHole = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', () => resolve()));
  port = (blackHole.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('start-up messages say what is wrong and what to do', () => {
  it('a database port that accepts but never answers', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-blackhole-'));
    const run = await runNode([PATHFINDER_BIN, 'serve'], {
      timeoutMs: 90_000,
      env: { DATABASE_URL: `postgres://pf:hunter2pw@127.0.0.1:${port}/pathfinder`, PATHFINDER_DATA_DIR: dataDir, PORT: '0' },
    });
    await fs.rm(dataDir, { recursive: true, force: true });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`The database at 127.0.0.1:${port}/pathfinder did not answer within 10 s`);
    expect(run.stderr).toContain('Check DATABASE_URL');
    expect(run.stderr).not.toContain('hunter2pw');
    expect(run.stderr).not.toContain('pool is probably full');
    noStack(run.stderr);
  }, 120_000);

  it('a read replica (DATABASE_READ_URL) that cannot be reached, or that has no primary', async () => {
    const database = await createTestDatabase();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-replica-down-'));
    try {
      // A port nothing listens on: refused at once.
      const closed = net.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
      const closedPort = (closed.address() as net.AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const run = await runNode([PATHFINDER_BIN, 'serve'], {
        timeoutMs: 90_000,
        env: { DATABASE_URL: database, DATABASE_READ_URL: `postgres://pf:hunter2pw@127.0.0.1:${closedPort}/pathfinder`, PATHFINDER_DATA_DIR: dataDir, PORT: '0' },
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`The database at 127.0.0.1:${closedPort}/pathfinder could not be reached`);
      expect(run.stderr).toContain('Check DATABASE_READ_URL');
      expect(run.stderr).not.toContain('hunter2pw');
      noStack(run.stderr);

      const alone = await runNode([PATHFINDER_BIN, 'serve'], { timeoutMs: 90_000, env: { DATABASE_READ_URL: database, PATHFINDER_DATA_DIR: dataDir, PORT: '0' } });
      expect(alone.code).not.toBe(0);
      expect(alone.stderr).toContain('DATABASE_READ_URL needs DATABASE_URL');
      noStack(alone.stderr);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
      await dropTestDatabase(database);
    }
  }, 120_000);

  it('a data folder that cannot be written', async () => {
    // Even root cannot make a folder under /sys (a read-only mount answers alike).
    const run = await runNode([PATHFINDER_BIN, 'serve'], { timeoutMs: 90_000, env: { PATHFINDER_DATA_DIR: '/sys/pathfinder-data', PORT: '0' } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('The data folder /sys/pathfinder-data cannot be written');
    expect(run.stderr).toContain('Set PATHFINDER_DATA_DIR');
    noStack(run.stderr);
  }, 120_000);
});
