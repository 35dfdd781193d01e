import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DataSource, Job } from '@pathfinder/core';

/** Inserts a manual source (once per app) and a job in it; returns the job id. */
export async function createJob(app: FastifyInstance, fields: { title?: string; isActive?: boolean; province?: string } = {}): Promise<string> {
  const em = app.ctx.orm.em.fork();
  let source = await em.findOne(DataSource, { name: 'Users test source' });
  source ??= em.create(DataSource, { name: 'Users test source', sourceType: 'manual', pluginConfig: {}, crawlState: {} });
  const hash = crypto.randomBytes(32).toString('hex');
  const job = em.create(Job, {
    title: fields.title ?? 'Software developer co-op',
    companyName: 'Maple Labs',
    jobType: 'coop',
    term: 'summer',
    locationType: 'hybrid',
    city: 'Ottawa',
    province: fields.province ?? 'ON',
    description: 'Build things.',
    source,
    originalUrl: 'https://example.ca/jobs/1',
    dedupeHash: hash,
    contentHash: hash,
    isActive: fields.isActive ?? true,
    datePosted: new Date('2031-01-10T00:00:00Z'),
  });
  await em.flush();
  return job.id;
}
