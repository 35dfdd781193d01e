import { describe, expect, it } from 'vitest';
import { DatabaseWatch } from '@pathfinder/core';
import { databaseLossHandlers } from '../../src/runtime/database-loss-guard.js';

function setup() {
  const warnings: string[] = [];
  const watch = new DatabaseWatch('postgres://x:y@127.0.0.1:1/none', {
    probeMs: 60_000,
    log: { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (msg) => warnings.push(msg) },
  });
  const written: string[] = [];
  const exits: number[] = [];
  const handlers = databaseLossHandlers(watch, (line) => written.push(line), (code) => exits.push(code));
  return { watch, warnings, written, exits, handlers };
}

describe('the process guard against a lost database', () => {
  it('an unawaited query that lost its database (pg-boss\'s complete/fail) is waited out, not a crash', () => {
    const { watch, warnings, written, exits, handlers } = setup();
    try {
      handlers.onRejection(Object.assign(new Error('the database system is shutting down'), { code: '57P03' }));
      handlers.onException(new Error('Connection terminated unexpectedly'));
      expect(exits).toEqual([]);
      expect(written).toEqual([]);
      expect(warnings).toEqual(['database lost, waiting for it to come back']);
      expect(watch.isLost).toBe(true);
    } finally {
      watch.stop();
    }
  });

  it('any other unhandled failure still ends the process loudly, with its stack', () => {
    const { watch, written, exits, handlers } = setup();
    try {
      handlers.onRejection(new TypeError('job.data is undefined'));
      expect(exits).toEqual([1]);
      expect(written[0]).toMatch(/^fatal: unhandled rejection: TypeError: job.data is undefined\n\s+at /);
      handlers.onException(new RangeError('Maximum call stack size exceeded'));
      expect(exits).toEqual([1, 1]);
      expect(written[1]).toMatch(/^fatal: uncaught exception: RangeError/);
      expect(watch.isLost).toBe(false);
    } finally {
      watch.stop();
    }
  });
});
