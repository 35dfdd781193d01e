import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { CRAWL_QUEUE, scheduleQueueName } from '../../src/scheduler/queues.js';
import { inlinePlugin, registryOf } from './support.js';

const db = useTestDatabase();

/** Rounds of three schedulers starting at once, each round on a pg-boss schema nobody has made yet. */
const ROUNDS = Number(process.env.PF_CONCURRENT_START_ROUNDS ?? 6);
const plugins = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'].map((id) => inlinePlugin(id, async function* () {}));

/**
 * One round: three schedulers (as three processes have: each its own pg-boss pool) start together on
 * `schema`. Each lists the plugins in another order, so their queue DDL (a partition per queue,
 * attached to pg-boss's job table) interleaves the way separate processes' does. Returns each
 * scheduler's outcome: 'started' or the error.
 */
async function startTogether(schema: string): Promise<string[]> {
  const orders = [plugins, [...plugins].reverse(), [...plugins.slice(3), ...plugins.slice(0, 3)]];
  const schedulers = orders.map((order, i) => new Scheduler({
    connectionString: db.url, orm: db.orm, registry: registryOf(...order), schema, mode: i === 0 ? 'send-only' : 'worker', cron: false, orphanSweepMs: false,
  }));
  try {
    const results = await Promise.allSettled(schedulers.map((s) => s.start()));
    return results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'));
  } finally {
    await Promise.allSettled(schedulers.map((s) => s.stop()));
  }
}

describe('several processes starting at once on a fresh database', () => {
  it('create pg-boss\'s schema and queues in turn: every scheduler starts, none deadlocks, round after round', async () => {
    // Without the setup lock, concurrent queue creation deadlocks (`deadlock detected`) in most of these rounds.
    const outcomes: string[][] = [];
    for (let round = 0; round < ROUNDS; round++) outcomes.push(await startTogether(`pgboss_race_${round}`));
    const failed = outcomes.flat().filter((o) => o !== 'started');
    process.stderr.write(`concurrent start: ${outcomes.filter((o) => o.some((x) => x !== 'started')).length} of ${ROUNDS} rounds failed${failed.length ? ` (${[...new Set(failed.map((f) => f.slice(0, 80)))].join('; ')})` : ''}\n`);
    expect(failed).toEqual([]);
    const queues = await db.orm.em.getConnection().execute<{ name: string }[]>(`select name from pgboss_race_${ROUNDS - 1}.queue order by name`);
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining([CRAWL_QUEUE, ...plugins.map((p) => scheduleQueueName(p.id))]));
  }, 180_000);
});
