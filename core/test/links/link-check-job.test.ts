import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { DataSource, Job } from '../../src/db/entities/index.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { LINK_CHECK_QUEUE } from '../../src/scheduler/queues.js';
import { registerLinkCheck } from '../../src/links/link-check-job.js';
import { eventually, registryOf } from '../scheduler/support.js';

const db = useTestDatabase();
let scheduler: Scheduler;

beforeAll(async () => {
  scheduler = new Scheduler({ connectionString: db.url, orm: db.orm, registry: registryOf(), pollingIntervalSeconds: 0.5, cron: false });
  await scheduler.start();
  await registerLinkCheck(scheduler);
});

afterAll(async () => {
  await scheduler?.stop();
});

describe('the daily link check on the scheduler', () => {
  it('is scheduled at 03:00 Toronto time', async () => {
    expect(await scheduler.schedules()).toEqual([{ name: LINK_CHECK_QUEUE, cron: '0 3 * * *', timezone: 'America/Toronto', data: {} }]);
  });

  it('runs when its job arrives (here: archives a job whose deadline passed)', async () => {
    const em = db.orm.em.fork();
    const source = em.create(DataSource, { name: 'Manual', sourceType: 'manual', crawlDelaySeconds: 1 });
    const job = em.create(Job, {
      title: 'Summer Student', companyName: 'City of Brandon', jobType: 'coop', description: 'Parks.', source,
      originalUrl: 'https://brandon.example.ca/jobs/1', dedupeHash: 'd'.repeat(64), contentHash: 'c'.repeat(64),
      applicationDeadline: new Date(Date.now() - 24 * 3600 * 1000),
    });
    await em.flush();
    await scheduler.send(LINK_CHECK_QUEUE, {});
    const archived = await eventually(async () => {
      const row = await db.orm.em.fork().findOneOrFail(Job, job.id);
      return row.isActive ? undefined : row;
    }, 'the link check to archive the expired job');
    expect(archived.archiveReason).toBe('deadline passed');
  });
});
