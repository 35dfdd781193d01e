import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm, readReplicaOptions } from '@pathfinder/core';
import { useTestDatabase } from '@pathfinder/core/testing';
import { parseLsn, ReplicaCatchUp } from '../../src/search/replica-catch-up.js';

// The catch-up against a standby is in server/test/read-replica.test.ts; here its edges.

describe('parseLsn', () => {
  it('orders WAL positions across the 32-bit boundary', () => {
    expect(parseLsn('0/FFFFFFFF') < parseLsn('1/0')).toBe(true);
    expect(parseLsn('16/B374D848')).toBe(0x16B374D848n);
  });
});

describe('ReplicaCatchUp', () => {
  const db = useTestDatabase();
  let orm: MikroORM;
  beforeAll(async () => {
    // A "replica" that is not in recovery (a promoted one, or the primary itself): nothing to wait for.
    orm = await createOrm(db.url, readReplicaOptions(db.url));
  });
  afterAll(() => orm.close(true));

  it('calls back once per burst of changes when the read side is not a standby', async () => {
    let caughtUp = 0;
    const errors: unknown[] = [];
    const catchUp = new ReplicaCatchUp(orm, () => caughtUp++, (error) => errors.push(error));
    catchUp.changed();
    catchUp.changed();
    catchUp.changed();
    await expect.poll(() => caughtUp).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(caughtUp).toBe(1);
    expect(errors).toEqual([]);
    catchUp.close();
    catchUp.changed();
    await new Promise((r) => setTimeout(r, 200));
    expect(caughtUp).toBe(1);
  });
});
