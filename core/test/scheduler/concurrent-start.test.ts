import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { CRAWL_QUEUE, scheduleQueueName } from '../../src/scheduler/queues.js';
import { inlinePlugin, registryOf } from './support.js';

const db = useTestDatabase();

describe('several processes starting at once on a fresh database', () => {
  it('create pg-boss\'s schema and queues in turn: every scheduler starts, none deadlocks', async () => {
    const plugins = ['alpha', 'beta', 'gamma'].map((id) => inlinePlugin(id, async function* () {}));
    // Three schedulers, each with its own pg-boss pool (as three processes have), on a schema no one has made yet.
    const schedulers = [0, 1, 2].map((i) => new Scheduler({
      connectionString: db.url, orm: db.orm, registry: registryOf(...plugins), schema: 'pgboss_fresh', mode: i === 0 ? 'send-only' : 'worker', cron: false,
    }));
    try {
      const results = await Promise.allSettled(schedulers.map((s) => s.start()));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started', 'started']);
      const queues = await db.orm.em.getConnection().execute<{ name: string }[]>('select name from pgboss_fresh.queue order by name');
      expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining([CRAWL_QUEUE, ...plugins.map((p) => scheduleQueueName(p.id))]));
    } finally {
      await Promise.allSettled(schedulers.map((s) => s.stop()));
    }
  });
});
