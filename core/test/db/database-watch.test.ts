import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { DatabaseWatch } from '../../src/db/database-watch.js';
import { isDatabaseUnavailable } from '../../src/db/database-unavailable.js';

const db = useTestDatabase();

function recorder() {
  const lines: string[] = [];
  const line = (level: string) => (msg: string, data?: object) => lines.push(`${level}: ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`);
  return { lines, log: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') } };
}

/** A port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isDatabaseUnavailable', () => {
  it('knows connection failures, also wrapped or re-emitted by pg-boss, from query errors', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Connection terminated unexpectedly (Queue: crawl, Worker: 1)', queue: 'crawl' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('run failed', { cause: Object.assign(new Error('x'), { code: '57P03' }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('relation "jobz" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('DatabaseWatch', () => {
  it('reports a lost database once, and leaves other errors to the caller', async () => {
    const { lines, log } = recorder();
    const watch = new DatabaseWatch(`postgres://x:y@127.0.0.1:${await closedPort()}/none`, { log, probeMs: 50 });
    try {
      expect(watch.report(new Error('syntax error at or near "selec"'), 'test')).toBe(false);
      expect(watch.isLost).toBe(false);
      expect(watch.report(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'pg-boss')).toBe(true);
      expect(watch.report({ message: 'Connection terminated unexpectedly' }, 'crawl')).toBe(true);
      expect(watch.isLost).toBe(true);
      expect(lines).toEqual(['warn: database lost, waiting for it to come back {"where":"pg-boss","message":"connect ECONNREFUSED"}']);
      // The probe keeps failing against a closed port: still lost, and still one line.
      await new Promise((r) => setTimeout(r, 300));
      expect(watch.isLost).toBe(true);
      expect(lines).toHaveLength(1);
      const controller = new AbortController();
      const waiting = watch.waitUntilBack(controller.signal);
      controller.abort(new Error('stopping'));
      await expect(waiting).rejects.toThrow('stopping');
    } finally {
      watch.stop();
    }
  });

  it('resumes the waiters once a probe reaches the database', async () => {
    const { lines, log } = recorder();
    const watch = new DatabaseWatch(db.url, { log, probeMs: 50 });
    try {
      await expect(watch.waitUntilBack()).resolves.toBeUndefined();
      watch.lost(Object.assign(new Error('the database system is shutting down'), { code: '57P03' }), 'crawl');
      await watch.waitUntilBack();
      expect(watch.isLost).toBe(false);
      expect(lines[0]).toMatch(/^warn: database lost/);
      expect(lines[1]).toMatch(/^info: database is back \{"downSeconds":\d+\}$/);
    } finally {
      watch.stop();
    }
  });
});
